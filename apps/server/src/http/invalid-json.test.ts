import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';
import { describeInvalidJson } from './invalid-json.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

const FIX = 'Send a JSON object, e.g. {"email": "ada@example.com", "password": "…"}.';

async function post(path: string, body: string) {
  const response = await s.client().fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function userCount(): Promise<number> {
  const rows = await s.db.selectFrom('users').select('id').execute();
  return rows.length;
}

describe('a tRPC call whose body is not JSON', () => {
  it('is a typed BAD_REQUEST naming the place and the fix, and writes nothing', async () => {
    const before = await userCount();
    const { status, body } = await post('/trpc/auth.register', '{email: "ada@example.com"}');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        message: `The request body is not valid JSON: expected property name or '}' at line 1, column 2 (character 2). ${FIX}`,
        code: -32600,
        data: { code: 'BAD_REQUEST', httpStatus: 400, fieldErrors: null, retryAfterSeconds: null },
      },
    });
    expect(await userCount()).toBe(before);
  });

  it('is refused the same way in a batch, and a cut-off body says where it ends', async () => {
    const { status, body } = await post('/trpc/auth.register?batch=1', '{"0": ');
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: {
        message: `The request body is not valid JSON: it ends too early, at line 1, column 7 (character 7). ${FIX}`,
        data: { code: 'BAD_REQUEST', httpStatus: 400 },
      },
    });
  });

  it('an empty body says there is none and what to send, alone and in a batch', async () => {
    for (const path of ['/trpc/auth.login', '/trpc/auth.login?batch=1']) {
      const { status, body } = await post(path, '');
      expect(status).toBe(400);
      const [answer] = Array.isArray(body) ? body : [body];
      expect(answer).toMatchObject({
        error: {
          message: expect.stringMatching(
            /^The request has no body: send this procedure's input as a JSON object, e\.g\. \{/,
          ),
          data: { code: 'BAD_REQUEST' },
        },
      });
      expect(JSON.stringify(answer)).not.toContain('Unexpected end of JSON input');
    }
    // A procedure without input still takes an empty body.
    expect((await post('/trpc/auth.logout', '')).status).toBe(200);
  });

  it('still lets well-formed JSON through to input validation', async () => {
    const { status, body } = await post('/trpc/auth.register', '{"email": "not an email"}');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { data: { fieldErrors: { email: expect.any(Array) } } } });
  });
});

describe('describeInvalidJson', () => {
  const explain = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return describeInvalidJson(text, error);
    }
    throw new Error(`${text} parsed`);
  };

  it('counts lines and columns from the parser position', () => {
    expect(explain('{\n  "email": "a@b.c",\n}')).toContain('at line 3, column 1 (character 23)');
  });

  it('names text after the value and an unexpected character', () => {
    expect(explain('{} x')).toContain('unexpected non-whitespace character after the JSON value');
    expect(explain('hello')).toContain(": unexpected 'h'");
  });

  it('gives no detail for a parser message it does not know', () => {
    expect(describeInvalidJson('x', new SyntaxError('something else'))).toBe(
      `The request body is not valid JSON. ${FIX}`,
    );
  });
});
