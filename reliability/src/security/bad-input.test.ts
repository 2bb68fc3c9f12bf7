/**
 * Bad input (issue 6): property-based fuzzing of every procedure of the production server over raw
 * HTTP. Whatever arrives — any JSON, wrong types, huge or hostile strings, extra keys, broken
 * batches and GET encodings, wrong content types and methods — the answer is never a 5xx, every
 * rejection is a typed 4xx tRPC error naming the field, and a refused call changes no table.
 */
import type { Executor } from '@rolegate/db';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { type Person, reliabilityCase, type Stack } from '../harness/index.js';
import {
  batchInput,
  batchPaths,
  brokenJson,
  contentType,
  inputFor,
  regressionInputs,
} from './arbitraries.js';
import { guardedCall, sentKeys } from './guarded-call.js';
import { listProcedures, type ProcedureInfo } from './procedures.js';
import { formatTally, tally } from './rejections.js';
import { withSecurityStack } from './security-stack.js';
import { jsonHeaders, queryInput, send, type WireRequest } from './wire.js';

/** Runs per procedure (19 today) and per other property: the file stays well under a minute. */
const RUNS_PER_PROCEDURE = 30;
const RUNS = 100;

let stack: Stack;
let db: Executor;
let tables: string[];
let procedures: ProcedureInfo[];
let adminCookie: string;

withSecurityStack(async (started) => {
  let admin: Person;
  ({ stack, db, tables, admin } = started);
  adminCookie = admin.jar.header() ?? '';
  expect(adminCookie).toContain('rolegate_session=');
  procedures = await listProcedures();
});

const baseUrl = () => stack.servers[0]?.url ?? '';
const world = () => ({ db, tables });

/**
 * The admin reaches every procedure's validation (guards run before input parsing); auth.* is
 * called signed out so a logout or a sign-in in the fuzz cannot end the admin's session.
 */
function cookieFor(paths: readonly string[]): Record<string, string> {
  return paths.some((path) => path.startsWith('auth.')) ? {} : { cookie: adminCookie };
}

function callRequest(procedure: ProcedureInfo, input: unknown): WireRequest {
  const paths = [procedure.path];
  if (procedure.type === 'query') {
    return { paths, query: queryInput(input), headers: cookieFor(paths) };
  }
  return {
    paths,
    body: JSON.stringify(input),
    headers: jsonHeaders(stack.appUrl, cookieFor(paths)),
  };
}

describe('bad input: fuzzing every procedure over raw HTTP', () => {
  reliabilityCase(
    'arbitrary inputs to every procedure: no 5xx, typed 4xx naming the field, no table changed',
    120_000,
    async (figures) => {
      const codes = new Map<string, number>();
      let calls = 0;
      let compared = 0;
      for (const procedure of procedures) {
        await fc.assert(
          fc.asyncProperty(inputFor(procedure), async (input) => {
            calls++;
            const result = await guardedCall(
              world(),
              () => send(baseUrl(), callRequest(procedure, input)),
              {
                knownFields: [...procedure.fields, ...sentKeys(input)],
                requireFieldErrors: true,
              },
            );
            if (result.compared) compared++;
            tally(codes, result.codes);
          }),
          {
            numRuns: RUNS_PER_PROCEDURE,
            examples: regressionInputs(procedure).map((input) => [input]),
          },
        );
      }
      figures.procedures = procedures.length;
      figures.calls = calls;
      figures.refusedWithTablesCompared = compared;
      figures.answers = formatTally(codes);
      expect(codes.get('INTERNAL_SERVER_ERROR') ?? 0).toBe(0);
    },
  );

  reliabilityCase(
    'malformed batches (?batch=1, bad input maps, unknown paths), GET and POST',
    60_000,
    async (figures) => {
      const codes = new Map<string, number>();
      const paths = procedures.map((procedure) => procedure.path);
      await fc.assert(
        fc.asyncProperty(
          batchPaths(paths),
          batchInput,
          fc.constantFrom('GET', 'POST'),
          async (batch, input, method) => {
            const request: WireRequest =
              method === 'GET'
                ? { paths: batch, batch: true, query: queryInput(input), headers: cookieFor(batch) }
                : {
                    paths: batch,
                    batch: true,
                    body: JSON.stringify(input),
                    headers: jsonHeaders(stack.appUrl, cookieFor(batch)),
                  };
            tally(codes, (await guardedCall(world(), () => send(baseUrl(), request))).codes);
          },
        ),
        { numRuns: RUNS },
      );
      figures.batches = RUNS;
      figures.answers = formatTally(codes);
    },
  );

  reliabilityCase(
    'broken GET encodings: bad input= JSON, bad percent-encoding, repeated parameters',
    60_000,
    async (figures) => {
      const codes = new Map<string, number>();
      const queries = procedures.filter((procedure) => procedure.type === 'query');
      const rawQuery = fc.oneof(
        brokenJson.map((text) => `input=${encodeURIComponent(text)}`),
        fc.constantFrom(
          'input=%E0%A4%A',
          'input=%',
          'input=%%7B',
          'input[]=1',
          'input=1&input=2',
          'input={}&batch=1&batch=1',
          'batch=abc&input={}',
          'input=%00',
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...queries),
          rawQuery,
          fc.boolean(),
          async (procedure, query, batch) => {
            const paths = [procedure.path];
            const request = { paths, batch, query, headers: cookieFor(paths) };
            tally(codes, (await guardedCall(world(), () => send(baseUrl(), request))).codes);
          },
        ),
        { numRuns: RUNS },
      );
      figures.requests = RUNS;
      figures.answers = formatTally(codes);
    },
  );

  reliabilityCase(
    'mutations with broken JSON bodies are refused as typed BAD_REQUEST',
    60_000,
    async (figures) => {
      const codes = new Map<string, number>();
      const mutations = procedures.filter(
        (procedure) => procedure.type === 'mutation' && procedure.takesInput,
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...mutations), brokenJson, async (procedure, body) => {
          const paths = [procedure.path];
          const request = { paths, body, headers: jsonHeaders(stack.appUrl, cookieFor(paths)) };
          tally(codes, (await guardedCall(world(), () => send(baseUrl(), request))).codes);
        }),
        { numRuns: RUNS },
      );
      figures.requests = RUNS;
      figures.answers = formatTally(codes);
    },
  );

  reliabilityCase(
    'mutations in a wrong content type are refused (415) without a change',
    60_000,
    async (figures) => {
      const codes = new Map<string, number>();
      const mutations = procedures.filter((procedure) => procedure.type === 'mutation');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...mutations),
          contentType,
          fc.jsonValue({ maxDepth: 2 }),
          async (procedure, type, input) => {
            const paths = [procedure.path];
            const headers = { ...cookieFor(paths), origin: stack.appUrl, 'content-type': type };
            const body = JSON.stringify(input);
            const { codes: seen } = await guardedCall(world(), () =>
              send(baseUrl(), { paths, body, headers }),
            );
            expect(seen).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
            tally(codes, seen);
          },
        ),
        { numRuns: RUNS },
      );
      figures.requests = RUNS;
      figures.answers = formatTally(codes);
    },
  );

  reliabilityCase(
    'every mutation via GET or another method is refused (405) and changes nothing',
    60_000,
    async (figures) => {
      const codes = new Map<string, number>();
      const mutations = procedures.filter((procedure) => procedure.type === 'mutation');
      // Signed in as the admin for every one, auth.logout included: a GET must not sign anyone out.
      const headers = jsonHeaders(stack.appUrl, { cookie: adminCookie });
      for (const procedure of mutations) {
        for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
          const request: WireRequest = { paths: [procedure.path], method, headers };
          if (method === 'GET') request.query = queryInput({});
          else request.body = '{}';
          const { codes: seen } = await guardedCall(world(), () => send(baseUrl(), request));
          expect(seen, `${method} ${procedure.path}`).toEqual(['METHOD_NOT_SUPPORTED']);
          tally(codes, seen);
        }
      }
      const me = await send(baseUrl(), { paths: ['auth.me'], headers });
      expect(me.outcomes[0]).toMatchObject({ kind: 'result', data: { user: { isAdmin: true } } });
      figures.mutations = mutations.length;
      figures.answers = formatTally(codes);
      figures.adminStillSignedIn = true;
    },
  );
});
