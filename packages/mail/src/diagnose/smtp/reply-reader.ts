import type { Socket } from 'node:net';

export type ReadResult =
  | { kind: 'reply'; text: string }
  | { kind: 'timeout' }
  | { kind: 'closed'; received: string };

/**
 * Reads whole SMTP replies ("250-a", "250 b" is one reply) from a raw socket, for the probe that
 * has to see what a port says before any client library interprets it.
 */
export class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      const parts = this.buffer.split(/\r?\n/);
      this.buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake?.();
    });
    const onClosed = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', onClosed);
    // Errors end the conversation the same way a close does; the caller only needs to know that.
    socket.on('error', onClosed);
  }

  /** Bytes received that did not form a line (a TLS record, a binary banner). */
  get pending(): string {
    return this.buffer;
  }

  async next(timeoutMs: number): Promise<ReadResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.takeReply();
      if (reply !== null) return { kind: 'reply', text: reply };
      if (this.closed) return { kind: 'closed', received: [...this.lines, this.buffer].join('\n') };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private takeReply(): string | null {
    // A reply ends at the first line whose fourth character is not "-".
    const end = this.lines.findIndex((line) => line.charAt(3) !== '-');
    if (end === -1) return null;
    return this.lines.splice(0, end + 1).join('\n');
  }
}

export function writeCommand(socket: Socket, command: string): void {
  if (!socket.destroyed) socket.write(`${command}\r\n`);
}
