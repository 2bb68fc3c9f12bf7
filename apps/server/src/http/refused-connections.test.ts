import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';
import { BODY_LIMIT_BYTES } from './server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/**
 * One raw TCP connection, as a client that keeps sending after the server has answered: what it
 * read, and how the connection ended (a reset shows as `error`, an orderly close as `ended`).
 */
function rawConnection() {
  const { port } = new URL(s.url);
  // Half-open allowed: like an HTTP client still uploading, it goes on sending after the server's FIN.
  const socket: Socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
  const state = { text: '', error: null as string | null, ended: false, closed: false };
  socket.on('data', (chunk: Buffer) => (state.text += chunk.toString('latin1')));
  socket.on('error', (error: NodeJS.ErrnoException) => (state.error = error.code ?? error.message));
  socket.on('end', () => (state.ended = true));
  socket.on('close', () => (state.closed = true));
  // Resolves once the data is handed over, or the connection is gone (then `error` says how).
  const write = (data: string) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed || socket.write(data)) return resolve();
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.once('drain', done);
      socket.once('close', done);
    });
  const answers = () => state.text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
  return { socket, state, write, answers };
}

const origin = () => new URL(s.url).origin;

describe('a request refused before it was read to its end', () => {
  it('over the header limit: a 431 that says Connection: close, then an orderly close, no reset', async () => {
    const client = rawConnection();
    await client.write(`GET /trpc/auth.me?input=${'a'.repeat(20_000)}`);
    await expect.poll(() => client.answers(), { timeout: 10_000 }).toEqual(['HTTP/1.1 431']);
    // Still sending, as a client whose URL was long does: the server must read it, not reset.
    for (let i = 0; i < 20; i++) await client.write('b'.repeat(8_000));
    client.socket.end(' HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect.poll(() => client.state.closed, { timeout: 10_000 }).toBe(true);
    expect(client.state.error).toBeNull();
    expect(client.state.ended).toBe(true);
    expect(client.state.text).toMatch(/\r\nConnection: close\r\n/i);
    const body = client.state.text.slice(client.state.text.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toMatchObject({ error: { data: { httpStatus: 431 } } });
  });

  it('a body over the limit: a 413 at once, the rest read, and the connection serves the next request', async () => {
    const client = rawConnection();
    const length = BODY_LIMIT_BYTES + 50_000;
    await client.write(
      `POST /trpc/auth.register HTTP/1.1\r\nHost: x\r\nOrigin: ${origin()}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
    );
    await client.write('{"name":"'.padEnd(16_000, 'x'));
    await expect.poll(() => client.answers(), { timeout: 10_000 }).toEqual(['HTTP/1.1 413']);
    expect(client.state.text).not.toMatch(/\r\nConnection: close\r\n/i);
    await client.write('x'.repeat(length - 16_000));
    await client.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await expect
      .poll(() => client.answers(), { timeout: 10_000 })
      .toEqual(['HTTP/1.1 413', 'HTTP/1.1 200']);
    client.socket.end();
    await expect.poll(() => client.state.closed, { timeout: 10_000 }).toBe(true);
    expect(client.state.error).toBeNull();
  });

  it('a body declared far over the limit is answered 413 with Connection: close, and not read', async () => {
    const client = rawConnection();
    await client.write(
      `POST /trpc/auth.register HTTP/1.1\r\nHost: x\r\nOrigin: ${origin()}\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n{`,
    );
    await expect.poll(() => client.answers(), { timeout: 10_000 }).toEqual(['HTTP/1.1 413']);
    expect(client.state.text).toMatch(/\r\nConnection: close\r\n/i);
    await expect.poll(() => client.state.ended, { timeout: 10_000 }).toBe(true);
    client.socket.destroy();
  });
});
