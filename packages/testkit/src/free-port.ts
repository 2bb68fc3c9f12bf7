import { createServer } from 'node:net';

/** A port nobody listens on right now: PORT must be 1–65535 (0 is refused), so ask the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('the OS gave no TCP port')),
      );
    });
  });
}
