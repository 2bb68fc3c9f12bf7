/** What every `rolegate` subcommand is, and the exit codes they share. */
import type { Executor } from '@rolegate/db';
import { createDb, migrateToLatest } from '@rolegate/db';
import { type AppConfig, ConfigError, loadConfig, loadDotEnvIfPresent } from '../env.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Command {
  /** One line for `rolegate help`. */
  summary: string;
  /** `rolegate <name> …` usage lines, printed on a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for wrong arguments: main prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads .env and the settings; a ConfigError propagates for main to print (exit 1). */
export function readConfig(): AppConfig {
  loadDotEnvIfPresent();
  return loadConfig();
}

/** Opens the configured database, brings it up to date, runs `work`, and always closes it. */
export async function withDatabase<T>(
  config: AppConfig,
  work: (db: Executor) => Promise<T>,
): Promise<T> {
  const db = await createDb(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

export { ConfigError };
