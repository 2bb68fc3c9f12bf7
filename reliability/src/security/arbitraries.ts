/**
 * fast-check arbitraries for what a hostile or broken client sends: any JSON, wrong types, huge
 * strings, unicode (lone surrogates, NUL, bidi overrides), nulls, extra keys, and inputs that are
 * almost right so validation deeper than "is it an object" is reached.
 */
import fc from 'fast-check';
import type { ProcedureInfo } from './procedures.js';

const anyJson = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });

/** Strings that have broken parsers, databases, mail headers and HTML before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\n',
  'x\r\nBcc: victim@evil.test',
  '\ud800',
  'a\udfffb',
  '\u202e\u0644\u0627',
  '\ufeff',
  '💥🔥👩‍👩‍👧',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '-0',
  '__proto__',
  'constructor',
  "' OR '1'='1' --",
  "'); DROP TABLE users; --",
  '<script>alert(1)</script>',
  '%00%0d%0a',
  '\\',
  '"',
  '{"$gt":""}',
  'admin',
  'ADMIN',
  'power',
  'power ',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a@b.co',
  'admin@rolegate.test',
] as const;

const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Up to 30 000 repeats of one character: over the body limit once JSON-escaped (`\u0000` is 6 bytes). */
export const hugeString = fc
  .tuple(
    fc.constantFrom('a', 'é', '💥', '\u0000', '"', '\\', '\n', ' '),
    fc.integer({ min: 300, max: 30_000 }),
  )
  .map(([character, count]) => character.repeat(count));

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: hugeString },
);

const uuidLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => `${id} `),
  fc.uuid().map((id) => id.slice(0, 35)),
  fc.uuid().map((id) => `{${id}}`),
);

const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((email) => `  ${email.toUpperCase()}  `),
  fc.emailAddress().map((email) => `${email}\r\nBcc: victim@evil.test`),
  fc.emailAddress().map((email) => `"<script>"@${email.split('@')[1] ?? 'x.test'}`),
  fc.string({ unit: 'binary', maxLength: 40 }).map((local) => `${local}@example.test`),
);

const cursorLike = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: -1n, max: 10n ** 18n }), fc.uuid())
    .map(([micros, id]) => Buffer.from(`${micros}:${id}`).toString('base64url')),
  fc
    .string({ unit: 'binary', maxLength: 250 })
    .map((raw) => Buffer.from(raw).toString('base64url')),
);

const numberLike = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 100, 101, 2 ** 53, -(2 ** 53), 1e308, 0.5),
);

/** Values that are nearly right for a field of this name, so the deeper checks are exercised. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  email: emailLike,
  sendTo: emailLike,
  password: fc.oneof(fc.string({ unit: 'binary', minLength: 8, maxLength: 300 }), nastyString),
  role: fc.constantFrom('reader', 'contributor', 'editor', 'power', 'admin', 'Power', 'root', ''),
  status: fc.constantFrom('pending', 'approved', 'denied', 'all', "pending' OR '1'='1"),
  state: fc.constantFrom('pending', 'sending', 'sent', 'failed', 'queued'),
  decision: fc.constantFrom('accept', 'reject', 'approve', 'ACCEPT'),
  limit: numberLike,
  cursor: cursorLike,
  id: uuidLike,
  requestId: uuidLike,
  entryId: uuidLike,
  proposalId: uuidLike,
};

/** Any value for `field`: often plausible, often the wrong type, sometimes huge or hostile. */
export function fieldValue(field: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: PLAUSIBLE[field] ?? text },
    { weight: 2, arbitrary: text },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constantFrom(null, true, 0, [], {}, ['reader']) },
  );
}

/** Keys a client might smuggle in: privilege fields, prototype pollution, or anything at all. */
export const extraKey = fc.oneof(
  fc.constantFrom(
    'isAdmin',
    'is_admin',
    'admin',
    'role',
    'requestedRole',
    'pending',
    'id',
    'userId',
    'createdAt',
    '__proto__',
    'constructor',
    'prototype',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);

/** An input for `procedure`: its own fields (any subset) plus extras, or any JSON at all. */
export function inputFor(procedure: ProcedureInfo): fc.Arbitrary<unknown> {
  const own = fc.record(
    Object.fromEntries(procedure.fields.map((field) => [field, fieldValue(field)])),
    { requiredKeys: [] },
  );
  const withExtras = fc
    .tuple(own, fc.dictionary(extraKey, anyJson, { minKeys: 1, maxKeys: 3 }))
    .map(([fields, extras]) => ({ ...extras, ...fields }));
  return fc.oneof(
    { weight: 4, arbitrary: own },
    { weight: 3, arbitrary: withExtras },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constantFrom(null, [], '', 0, false, {}, [{}]) },
  );
}

/** Procedure paths for a batch: real ones and ones that do not exist. */
export function batchPaths(real: readonly string[]): fc.Arbitrary<string[]> {
  const path = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('nope', 'admin', 'auth.register.x', '__proto__', 'constructor'),
    },
  );
  return fc.array(path, { minLength: 1, maxLength: 4 });
}

/** The `input` of a batch: usually a map by index, sometimes a wrong shape. */
export const batchInput = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.dictionary(
      fc.constantFrom('0', '1', '2', '3', '-1', '99', 'a', '1.5', '__proto__'),
      anyJson,
      { maxKeys: 5 },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

/** Text that is not the JSON it claims to be. */
export const brokenJson = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json().map((json) => json.slice(0, Math.max(0, json.length - 1))),
  fc.json().map((json) => `${json}}`),
  fc.json().map((json) => `\ufeff${json}`),
  fc.constantFrom('', '{', '{"a":', '[', 'nul', '{"a":1,}', "{'a':1}", '{"a":NaN}', '\u0000'),
);

/** Content types a mutation might arrive with; only application/json is acceptable. */
export const contentType = fc.constantFrom(
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'application/jsonx',
  'application/json-patch+json',
  'json',
  '*/*',
);

/**
 * Inputs fuzzing once found a 500 with, tried on every run so they stay fixed: keys named like
 * Object.prototype's, and U+0000 (which Postgres text cannot hold) in every field.
 */
export function regressionInputs(procedure: ProcedureInfo): unknown[] {
  const nul = Object.fromEntries(procedure.fields.map((field) => [field, 'a\u0000b']));
  return [
    JSON.parse('{"__proto__":{"isAdmin":true}}'),
    { constructor: 1, toString: 'x', hasOwnProperty: null },
    nul,
    Object.fromEntries(procedure.fields.map((field) => [field, '\u0000'.repeat(20_000)])),
  ];
}
