/** How long a wake-up waits for more mail before claiming: unnoticeable in an inbox. */
const GATHER_MS = 20;

/**
 * When the worker looks for mail: after a poll interval, or at once when woken (a NOTIFY, a
 * message queued in this process, stop()). A wake-up is remembered if it comes while the worker is
 * busy, so a message queued during a batch is never left waiting for the next poll.
 */
export interface WakeUp {
  /** Ask for a look at the outbox now. */
  wake(): void;
  /** Whether a wake-up came since the last clear(): mail was queued while the worker was busy. */
  readonly pending: boolean;
  /** Forget the wake-ups seen so far: the batch about to run covers them. */
  clear(): void;
  /** Waits `ms` or until woken; says whether it was woken. */
  idle(ms: number): Promise<boolean>;
  /** A short wait after a wake-up so that what arrives in the next moment joins one claim. */
  gather(): Promise<void>;
  /** Ends every wait now and from now on. */
  stop(): void;
}

export function wakeUp(): WakeUp {
  let stopping = false;
  let requested = false;
  let interruptIdle: (() => void) | null = null;
  let interruptGather: (() => void) | null = null;

  /** Waits `ms`, unless `interrupt` (handed the function that ends the wait) is used first. */
  const pause = (ms: number, interrupt: (end: (() => void) | null) => void) =>
    new Promise<boolean>((resolve) => {
      const finish = (early: boolean) => {
        clearTimeout(timer);
        interrupt(null);
        resolve(early);
      };
      const timer = setTimeout(() => finish(false), ms);
      interrupt(() => finish(true));
    });

  return {
    wake() {
      requested = true;
      interruptIdle?.();
    },
    get pending() {
      return requested;
    },
    clear() {
      requested = false;
    },
    async idle(ms) {
      return requested || stopping || (await pause(ms, (end) => (interruptIdle = end)));
    },
    async gather() {
      // More wake-ups do not end it (they are what it waits for); stop() does.
      if (!stopping) await pause(GATHER_MS, (end) => (interruptGather = end));
    },
    stop() {
      stopping = true;
      interruptIdle?.();
      interruptGather?.();
    },
  };
}
