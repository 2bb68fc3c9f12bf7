import { chmod, copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';

export interface EnvFileUpdate {
  /** The old file's copy (`<file>.bak`), or null when there was no file. */
  backup: string | null;
}

/**
 * Sets `entries` in a dotenv file and removes every other line that sets one of `replaced`,
 * keeping the rest (comments, other settings, their order). The new lines take the place of the
 * first line they replace, or go at the end. The old file is kept as `<file>.bak`, and both are
 * readable by their owner only: they hold a password.
 */
export async function updateEnvFile(
  file: string,
  entries: readonly (readonly [string, string])[],
  replaced: readonly string[],
): Promise<EnvFileUpdate> {
  const old = await readIfPresent(file);
  const drop = new Set([...replaced, ...entries.map(([name]) => name)]);
  const written = entries.map(([name, value]) => `${name}=${quote(value)}`);
  const lines: string[] = [];
  let placed = false;
  for (const line of old === null ? [] : old.replace(/\n$/, '').split('\n')) {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (name === undefined || !drop.has(name)) {
      lines.push(line);
    } else if (!placed) {
      lines.push(...written);
      placed = true;
    }
  }
  if (!placed) lines.push(...written);

  let backup: string | null = null;
  if (old !== null) {
    backup = `${file}.bak`;
    await copyFile(file, backup);
    await chmod(backup, 0o600);
  }
  // Written beside the file and renamed over it: a crash leaves the old file or the new, never half.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${lines.join('\n')}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return { backup };
}

/**
 * A value as Node's .env parser (process.loadEnvFile) reads it back unchanged: bare when it is
 * simple; else in single quotes (taken literally), or double quotes when it holds a single quote.
 */
export function quote(value: string): string {
  if (/^[\w@%+:/.,<>=-]*$/.test(value) && !value.includes('#')) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  if (!value.includes('"') && !value.includes('\\') && !value.includes('\n')) return `"${value}"`;
  throw new Error(
    'this value cannot be written to a .env file unchanged (it holds both kinds of quote)',
  );
}

/** The value `name` has in a dotenv file, as Node reads it; undefined when unset or no file. */
export async function readEnvFileValue(file: string, name: string): Promise<string | undefined> {
  const text = await readIfPresent(file);
  return text === null ? undefined : parseEnv(text)[name];
}

/** The file's text, or null when there is no such file. */
async function readIfPresent(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((error: unknown) => {
    if (Reflect.get(Object(error), 'code') === 'ENOENT') return null;
    throw error;
  });
}
