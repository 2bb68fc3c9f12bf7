/**
 * How much of each row to run: `full` for the figures, `smoke` (a tiny version of every row) to
 * check the benchmark itself works. Only sizes change between them, never what is measured.
 */
export interface BenchPlan {
  mode: 'full' | 'smoke';
  /** Rounds of each side of a comparison (rows 1, 2, 4 and 6); the median is reported. */
  rounds: number;
  signups: {
    /** The issue fixes this: power sign-ups at concurrency 16. */
    connections: number;
    warmupSeconds: number;
    measureSeconds: number;
    /** Row 1's slow SMTP server: this long per message. */
    slowSmtpDelayMs: number;
  };
  /** Row 2's limit: single-threaded argon2id hashes timed in the bench process. */
  hashSamples: number;
  outbox: {
    rounds: number;
    /** Messages queued for the pooled worker(s). */
    messages: number;
    /**
     * Messages queued for the one-connection-per-message sender. smtp-server adds ~100 ms to every
     * new connection, so 2,000 would take minutes a round; its rate does not depend on the count.
     */
    perMessageMessages: number;
  };
  authMe: { connections: number; warmupSeconds: number; measureSeconds: number };
  /** Row 10: the small and the large size (accounts, and as many requests), and the load. */
  adminLists: {
    sizes: [small: number, large: number];
    connections: number;
    warmupSeconds: number;
    measureSeconds: number;
  };
}

export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  rounds: 5,
  signups: { connections: 16, warmupSeconds: 2, measureSeconds: 6, slowSmtpDelayMs: 1000 },
  hashSamples: 30,
  outbox: { rounds: 3, messages: 2000, perMessageMessages: 200 },
  authMe: { connections: 16, warmupSeconds: 2, measureSeconds: 5 },
  adminLists: { sizes: [1000, 100_000], connections: 4, warmupSeconds: 1, measureSeconds: 3 },
};

export const SMOKE_PLAN: BenchPlan = {
  mode: 'smoke',
  rounds: 1,
  // Long enough for a first answer while every other suite of `pnpm test` shares the two cores: a
  // fresh server's first sign-ups (JIT, pools, the first hashes) took over a second there, and a
  // one-second window then saw no answer at all.
  signups: { connections: 4, warmupSeconds: 1, measureSeconds: 3, slowSmtpDelayMs: 1000 },
  hashSamples: 3,
  outbox: { rounds: 1, messages: 40, perMessageMessages: 4 },
  authMe: { connections: 4, warmupSeconds: 1, measureSeconds: 2 },
  // 800 rows still holds the searched user-737 (the row checks every answer before measuring).
  adminLists: { sizes: [100, 800], connections: 2, warmupSeconds: 0, measureSeconds: 1 },
};
