/**
 * Bad input (issue 6): property-based fuzzing of every procedure of the production server over raw
 * HTTP. Whatever arrives — any JSON, wrong types, huge or hostile strings, extra keys, broken
 * batches and GET encodings, wrong content types and methods — the answer is never a 5xx, every
 * rejection is a typed 4xx tRPC error naming the field, and a refused call changes no table.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { type Figures, reliabilityCase } from '../harness/index.js';
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
import { adminCookie, db, stack, tables, useSecurityStack } from './security-stack.js';
import { jsonHeaders, queryInput, send, type WireRequest } from './wire.js';

/** Runs per procedure (19 today) and per other property: the file stays well under a minute. */
const RUNS_PER_PROCEDURE = 30;
const RUNS = 100;

let procedures: ProcedureInfo[];

useSecurityStack(async () => {
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

/**
 * Sends RUNS requests drawn from `requests`, each checked by guardedCall (no 5xx, a typed error,
 * no table changed) and by `expectAnswer`; the answers' codes go into the case's figures.
 */
async function fuzzRequests(
  figures: Figures,
  requests: fc.Arbitrary<WireRequest>,
  expectAnswer?: (codes: string[]) => void,
): Promise<void> {
  const codes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const { codes: seen } = await guardedCall(world(), () => send(baseUrl(), request));
      expectAnswer?.(seen);
      tally(codes, seen);
    }),
    { numRuns: RUNS },
  );
  figures.requests = RUNS;
  figures.answers = formatTally(codes);
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
      const paths = procedures.map((procedure) => procedure.path);
      const batches = fc.tuple(batchPaths(paths), batchInput, fc.constantFrom('GET', 'POST')).map(
        ([batch, input, method]): WireRequest =>
          method === 'GET'
            ? { paths: batch, batch: true, query: queryInput(input), headers: cookieFor(batch) }
            : {
                paths: batch,
                batch: true,
                body: JSON.stringify(input),
                headers: jsonHeaders(stack.appUrl, cookieFor(batch)),
              },
      );
      await fuzzRequests(figures, batches);
    },
  );

  reliabilityCase(
    'broken GET encodings: bad input= JSON, bad percent-encoding, repeated parameters',
    60_000,
    async (figures) => {
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
      const requests = fc
        .tuple(fc.constantFrom(...queries), rawQuery, fc.boolean())
        .map(([procedure, query, batch]): WireRequest => {
          const paths = [procedure.path];
          return { paths, batch, query, headers: cookieFor(paths) };
        });
      await fuzzRequests(figures, requests);
    },
  );

  reliabilityCase(
    'mutations with broken JSON bodies are refused as typed BAD_REQUEST',
    60_000,
    async (figures) => {
      const mutations = procedures.filter(
        (procedure) => procedure.type === 'mutation' && procedure.takesInput,
      );
      const requests = fc
        .tuple(fc.constantFrom(...mutations), brokenJson)
        .map(([procedure, body]): WireRequest => {
          const paths = [procedure.path];
          return { paths, body, headers: jsonHeaders(stack.appUrl, cookieFor(paths)) };
        });
      await fuzzRequests(figures, requests);
    },
  );

  reliabilityCase(
    'mutations in a wrong content type are refused (415) without a change',
    60_000,
    async (figures) => {
      const mutations = procedures.filter((procedure) => procedure.type === 'mutation');
      const requests = fc
        .tuple(fc.constantFrom(...mutations), contentType, fc.jsonValue({ maxDepth: 2 }))
        .map(([procedure, type, input]): WireRequest => {
          const paths = [procedure.path];
          const headers = { ...cookieFor(paths), origin: stack.appUrl, 'content-type': type };
          return { paths, body: JSON.stringify(input), headers };
        });
      await fuzzRequests(figures, requests, (seen) =>
        expect(seen).toEqual(['UNSUPPORTED_MEDIA_TYPE']),
      );
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
