import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** The raw response headers, as the client sees them on the wire. */
function headersOf(path: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    request(new URL(path, s.url), (response) => {
      response.resume();
      response.on('end', () => resolve(response.headers));
    })
      .on('error', reject)
      .end();
  });
}

describe('tRPC answers over HTTP', () => {
  it('come in one piece with a Content-Length, not chunked', async () => {
    const headers = await headersOf('/trpc/auth.me');
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(Number(headers['content-length'])).toBeGreaterThan(0);
  });

  it('keep their status and body when they are errors', async () => {
    const response = await fetch(new URL('/trpc/admin.requests', s.url));
    expect(response.status).toBe(401);
    expect(response.headers.get('content-length')).not.toBeNull();
    const body = (await response.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });
});
