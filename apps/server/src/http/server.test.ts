import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IP_FACTOR } from '../rate-limit/limits.js';
import { clientError, startTestServer, type TestServer } from '../testing/index.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';
import { BODY_LIMIT_BYTES } from './server.js';

let s: TestServer;
/** Rate limits on, behind a trusted proxy: X-Forwarded-For picks the client IP. */
let limited: TestServer;
let webDist: string;
beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'rolegate-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Rolegate</title>');
  await writeFile(path.join(webDist, 'assets', 'app-3f2a.js'), 'console.log(1)');
  s = await startTestServer({ webDistDir: webDist });
  limited = await startTestServer({
    configOverrides: {
      trustProxy: ['127.0.0.1'],
      rateLimits: { signupsPerHour: 2, loginsPer15Min: 2 },
    },
  });
});
afterAll(async () => {
  await s.close();
  await limited.close();
  await rm(webDist, { recursive: true, force: true });
});

let n = 0;
const person = () => ({
  email: `http${++n}@example.com`,
  password: 'correct horse battery staple',
  name: `HTTP Person ${n}`,
  role: 'reader' as const,
});

describe('over HTTP', () => {
  it('register sets an httpOnly, SameSite=Lax session cookie and auth.me sees the user', async () => {
    const { trpc, jar } = s.client({ headers: { 'x-forwarded-for': '198.51.100.1' } });
    const { user } = await trpc.auth.register.mutate(person());
    const setCookie = jar.lastSetCookie.join('\n');
    expect(setCookie).toMatch(/rolegate_session=[A-Za-z0-9_-]{43}/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
    expect((await trpc.auth.me.query()).user).toEqual(user);
  });

  it('login sets the cookie, logout clears it and revokes the session', async () => {
    const details = person();
    await s.client().trpc.auth.register.mutate(details);
    const { trpc, jar } = s.client();
    await trpc.auth.login.mutate({ email: details.email, password: details.password });
    const oldCookie = jar.header() ?? '';
    expect(oldCookie).toContain('rolegate_session=');

    expect(await trpc.auth.logout.mutate()).toEqual({ ok: true });
    expect(jar.cookies.has('rolegate_session')).toBe(false);
    expect(jar.lastSetCookie.join('\n')).toMatch(/rolegate_session=;/);

    // The old cookie, replayed by someone who kept it, no longer works.
    const replay = s.client({ headers: { cookie: oldCookie } });
    expect((await replay.trpc.auth.me.query()).user).toBeNull();
    const error = await clientError(replay.trpc.account.requestLevel.mutate({ role: 'power' }));
    expect(error.data?.code).toBe('UNAUTHORIZED');
    expect(error.data?.httpStatus).toBe(401);
  });

  it('a mutation without Origin is 403 and writes nothing', async () => {
    const details = person();
    const error = await clientError(s.client({ origin: null }).trpc.auth.register.mutate(details));
    expect(error.data?.httpStatus).toBe(403);
    expect(error.message).toMatch(/Origin/);
    expect(await userCount(details.email)).toBe(0);
  });

  it('a mutation from a foreign Origin is 403 and writes nothing', async () => {
    const details = person();
    const evil = s.client({ origin: 'https://evil.example' });
    const error = await clientError(evil.trpc.auth.register.mutate(details));
    expect(error.data?.httpStatus).toBe(403);
    expect(error.message).toContain('https://evil.example');
    expect(await userCount(details.email)).toBe(0);
  });

  it('a mutation sent as a form, not JSON, is refused and writes nothing', async () => {
    const details = person();
    const response = await s.client().fetch('/trpc/auth.register', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(details),
    });
    expect(response.status).toBe(415);
    expect(await userCount(details.email)).toBe(0);
  });

  it('a mutation is not reachable by GET', async () => {
    const details = person();
    const input = encodeURIComponent(JSON.stringify(details));
    const response = await s.client().fetch(`/trpc/auth.register?input=${input}`);
    expect(response.status).toBe(405);
    expect(await userCount(details.email)).toBe(0);
  });

  it('bad input is 400 with per-field messages in data.fieldErrors', async () => {
    const error = await clientError(
      s.client().trpc.auth.register.mutate({
        ...person(),
        password: 'short',
        role: 'admin',
        isAdmin: true,
      } as never),
    );
    expect(error.data?.httpStatus).toBe(400);
    const fieldErrors = (error.data as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual(['isAdmin', 'password', 'role']);
  });

  it('a taken email is 409 with the message on the email field', async () => {
    const details = person();
    await s.client().trpc.auth.register.mutate(details);
    const error = await clientError(
      s.client().trpc.auth.register.mutate({ ...details, email: details.email.toUpperCase() }),
    );
    expect(error.data?.httpStatus).toBe(409);
    expect(error.data).toMatchObject({
      fieldErrors: { email: ['An account with this email already exists.'] },
    });
  });

  it('a body over the limit is refused with 413 before parsing', async () => {
    const response = await s.client().fetch('/trpc/auth.register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...person(), name: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    expect(response.status).toBe(413);
  });

  it('GET /healthz is 200 { ok: true }', async () => {
    const response = await fetch(`${s.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });
});

describe('rate limits over HTTP', () => {
  const from = (ip: string) => limited.client({ headers: { 'x-forwarded-for': ip } });

  it('too many sign-ups from one IP is 429 with a retry time; another IP still signs up', async () => {
    await from('203.0.113.1').trpc.auth.register.mutate(person());
    await from('203.0.113.1').trpc.auth.register.mutate(person());
    const refused = person();
    const error = await clientError(from('203.0.113.1').trpc.auth.register.mutate(refused));
    expect(error.data?.httpStatus).toBe(429);
    expect(error.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/Try again in \d+ (seconds|minutes)/);
    expect(error.data).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(await userCount(refused.email, limited)).toBe(0);
    const raw = await from('203.0.113.1').fetch('/trpc/auth.register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(person()),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    await from('203.0.113.2').trpc.auth.register.mutate(person());
  });

  it('too many failed sign-ins for an email from one address is 429, even with the right password; the owner elsewhere gets in', async () => {
    const details = person();
    await from('203.0.113.10').trpc.auth.register.mutate(details);
    const wrong = { email: details.email, password: 'wrong password' };
    for (let i = 0; i < 2; i++) {
      const error = await clientError(from('203.0.113.11').trpc.auth.login.mutate(wrong));
      expect(error.data?.httpStatus).toBe(401);
    }
    const right = { email: details.email, password: details.password };
    const error = await clientError(from('203.0.113.11').trpc.auth.login.mutate(right));
    expect(error.data?.httpStatus).toBe(429);
    expect(error.message).toContain('this email from your network');
    const { user } = await from('203.0.113.12').trpc.auth.login.mutate(right);
    expect(user.email).toBe(details.email);
  });

  it('too many failed sign-ins from one address is 429 for any email', async () => {
    const client = from('203.0.113.20');
    for (let i = 0; i < 2 * IP_FACTOR; i++) {
      const email = `x${i}@example.com`;
      const error = await clientError(client.trpc.auth.login.mutate({ email, password: 'nope' }));
      expect(error.data?.httpStatus).toBe(401);
    }
    const error = await clientError(
      client.trpc.auth.login.mutate({ email: 'another@example.com', password: 'nope' }),
    );
    expect(error.data?.httpStatus).toBe(429);
    expect(error.message).toContain('from your network');
  });

  it('believes X-Forwarded-For only from a listed proxy: a client elsewhere keeps its own address', async () => {
    const direct = await startTestServer({
      configOverrides: { trustProxy: ['10.0.0.0/8'], rateLimits: { signupsPerHour: 1 } },
    });
    try {
      const client = (ip: string) => direct.client({ headers: { 'x-forwarded-for': ip } });
      await client('203.0.113.30').trpc.auth.register.mutate(person());
      // 127.0.0.1 is not a listed proxy: every spoofed header is the same client, 127.0.0.1.
      const error = await clientError(client('203.0.113.31').trpc.auth.register.mutate(person()));
      expect(error.data?.httpStatus).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('the built web app', () => {
  it('serves hashed assets as immutable and index.html as no-cache', async () => {
    const asset = await fetch(`${s.url}/assets/app-3f2a.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(`${s.url}/index.html`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers client-side routes with index.html, but not /trpc or non-HTML requests', async () => {
    const page = await fetch(`${s.url}/admin/requests/123`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Rolegate</title>');
    const root = await fetch(`${s.url}/`, { headers: { accept: 'text/html' } });
    expect(await root.text()).toContain('<title>Rolegate</title>');
    const api = await fetch(`${s.url}/trpc/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    const json = await fetch(`${s.url}/missing.json`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (response: Response) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(csp.split(';')).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-');
    expect(csp.split(';')).toHaveLength(Object.keys(CONTENT_SECURITY_POLICY).length);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  };

  it('come with the page, a client-side route, and a hashed asset', async () => {
    for (const url of ['/', '/admin/users']) {
      const page = await fetch(`${s.url}${url}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
    }
    const asset = await fetch(`${s.url}/assets/app-3f2a.js`);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset);
  });

  it('come with tRPC answers too, where they are harmless', async () => {
    const response = await s.client().fetch('/trpc/auth.me');
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
  });
});

async function userCount(email: string, server: TestServer = s): Promise<number> {
  const rows = await server.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .execute();
  return rows.length;
}
