/**
 * DATABASE_URL is the one setting that picks the dialect. Parsing it lives here so the server's env
 * schema, createDb() and the logs all agree on what a URL means.
 */
import path from 'node:path';

/** Where the embedded database lives when DATABASE_URL is unset (relative to the working directory). */
export const DEFAULT_PGLITE_DIR = './.data/pglite';

export type DatabaseTarget =
  | { dialect: 'postgres'; url: string }
  /** `dataDir: undefined` is an in-memory database (`pglite:memory:`). */
  | { dialect: 'pglite'; dataDir: string | undefined };

export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
}

const ACCEPTED_FORMS =
  'postgres://user:password@host:5432/db, postgresql://…, pglite:<dir> or pglite:memory:, or unset for embedded PGlite in ./.data/pglite';

/** Reads DATABASE_URL's value; throws DatabaseUrlError naming the variable and the accepted forms. */
export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '') {
    return { dialect: 'pglite', dataDir: path.resolve(cwd, DEFAULT_PGLITE_DIR) };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return { dialect: 'postgres', url: value };
  }
  if (/^pglite:/i.test(value)) {
    const dir = value.slice('pglite:'.length);
    if (dir === 'memory:' || dir === 'memory://') return { dialect: 'pglite', dataDir: undefined };
    if (dir === '') {
      throw new DatabaseUrlError(
        `DATABASE_URL "pglite:" names no directory. Use pglite:<dir> (e.g. pglite:./.data/pglite) or pglite:memory:.`,
      );
    }
    return { dialect: 'pglite', dataDir: path.resolve(cwd, dir.replace(/^file:\/\//, '')) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new DatabaseUrlError(
    `DATABASE_URL has ${scheme ? `the unsupported scheme "${scheme}:"` : 'no recognised scheme'}. Accepted: ${ACCEPTED_FORMS}.`,
  );
}

/** What to print in logs: the dialect and the URL with any password masked. */
export function describeDatabaseUrl(url: string | undefined): {
  dialect: 'postgres' | 'pglite';
  display: string;
} {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'pglite') {
    return { dialect: 'pglite', display: `pglite:${target.dataDir ?? 'memory:'}` };
  }
  return { dialect: 'postgres', display: maskPassword(target.url) };
}

function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '****';
    // A password can also ride in the query string (?password=…), which libpq and pg accept.
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '****');
    return parsed.toString();
  } catch {
    // Unparseable as a URL: keep only the scheme rather than risk printing a secret.
    return `${url.split(':')[0]}://****`;
  }
}
