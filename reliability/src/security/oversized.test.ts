/**
 * Bad input (issue 6): bodies over the size limit are refused before parsing — 413 in tRPC's error
 * shape for every mutation and for batches, answered while a huge body is still being sent, and
 * nothing written.
 */
import { describe, expect } from 'vitest';
import { reliabilityCase } from '../harness/index.js';
import { guardedCall } from './guarded-call.js';
import { listProcedures, type ProcedureInfo } from './procedures.js';
import { adminCookie, db, stack, tables, useSecurityStack } from './security-stack.js';
import { snapshot } from './snapshot.js';
import { streamOversizedBody } from './streaming.js';
import { jsonHeaders, send } from './wire.js';

/** The server's BODY_LIMIT_BYTES (apps/server/src/http/server.ts). */
const BODY_LIMIT = 100 * 1024;

let mutations: ProcedureInfo[];

useSecurityStack(async () => {
  mutations = (await listProcedures()).filter((procedure) => procedure.type === 'mutation');
});

const baseUrl = () => stack.servers[0]?.url ?? '';

/** A valid-looking input whose one string field carries the padding. */
function paddedBody(bytes: number): string {
  return JSON.stringify({ email: 'big@example.test', padding: 'x'.repeat(bytes) });
}

describe('bad input: oversized bodies', () => {
  reliabilityCase(
    'every mutation and a batch: a body just over the limit is a typed 413 and changes nothing',
    60_000,
    async (figures) => {
      const headers = jsonHeaders(stack.appUrl, { cookie: adminCookie });
      // Up to 2 MiB declared, the server reads the rest of a refused body before it lets the
      // connection go (apps/server/src/http/refused-connections.ts), so the sender always reads the 413.
      const sizes = [BODY_LIMIT + 1, 4 * BODY_LIMIT, 1024 * 1024];
      let refused = 0;
      for (const procedure of mutations) {
        for (const size of sizes) {
          const body = paddedBody(size);
          const { codes, response } = await guardedCall({ db, tables }, () =>
            send(baseUrl(), { paths: [procedure.path], body, headers }),
          );
          expect(codes, `${procedure.path} with ${body.length} bytes`).toEqual([
            'PAYLOAD_TOO_LARGE',
          ]);
          expect(response.status).toBe(413);
          refused++;
        }
      }
      const batch = JSON.stringify({ 0: { padding: 'x'.repeat(BODY_LIMIT) }, 1: {} });
      const paths = mutations.slice(0, 2).map((procedure) => procedure.path);
      const { codes } = await guardedCall({ db, tables }, () =>
        send(baseUrl(), { paths, batch: true, body: batch, headers }),
      );
      expect(codes).toEqual(['PAYLOAD_TOO_LARGE']);
      figures.limitBytes = BODY_LIMIT;
      figures.refusedWith413 = refused + 1;
      figures.sizesTried = sizes.join(' / ');
    },
  );

  reliabilityCase(
    'a 50 MB body (Content-Length, then chunked) is refused while it is still being sent',
    60_000,
    async (figures) => {
      const before = await snapshot(db, tables);
      const url = `${baseUrl()}/trpc/auth.register`;
      const totalBytes = 50 * 1024 * 1024;
      const seen: string[] = [];
      let mostSent = 0;
      for (const chunked of [false, true, false, true, false, true]) {
        const answer = await streamOversizedBody(
          url,
          { origin: stack.appUrl },
          { totalBytes, chunked },
        );
        if (answer.status !== null) {
          expect(answer.status).toBe(413);
          expect(JSON.parse(answer.body)).toMatchObject({
            error: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } },
          });
        }
        // The server stopped reading before the body was complete, so nothing was parsed. (What
        // the sender got rid of by then is mostly the two sockets' buffers: a few MB at most.)
        expect(answer.bytesSent).toBeLessThan(totalBytes / 2);
        mostSent = Math.max(mostSent, answer.bytesSent);
        seen.push(answer.status === null ? (answer.errorCode ?? 'closed') : String(answer.status));
      }
      expect(await snapshot(db, tables)).toEqual(before);
      const health = await fetch(`${baseUrl()}/healthz`);
      expect(health.status).toBe(200);
      figures.announcedMb = 50;
      figures.mostKbSentBeforeRefusal = Math.round(mostSent / 1024);
      figures.senderSaw = seen.join(' ');
      figures.serverHealthyAfter = true;
    },
  );
});
