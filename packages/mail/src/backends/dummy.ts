import type { Deliverer } from '../deliverer.js';

/** Accepts every message and does nothing with it (Django's dummy backend). */
export class DummyDeliverer implements Deliverer {
  async open(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}

  async deliver(): Promise<void> {}
}
