import type { BenchPlan } from '../plan.js';

/** What every row gets: how much to run, where Postgres is, and where to say what it is doing. */
export interface RowContext {
  plan: BenchPlan;
  /** A Postgres server URL; each scenario creates its own database there. */
  postgresUrl: string;
  log(message: string): void;
}

/** Settings the server needs to send its admin notices to the bench's SMTP server. */
export function mailEnv(smtpPort: number): Record<string, string> {
  return {
    EMAIL_URL: `smtp://127.0.0.1:${smtpPort}`,
    ADMINS: 'Bench Admin <admin@bench.test>',
    DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@bench.test>',
  };
}

/** A B, then B A, …: each side runs first as often as the other, so drift cancels out. */
export function alternate<T>(round: number, items: readonly T[]): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}
