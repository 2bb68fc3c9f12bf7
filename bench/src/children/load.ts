/**
 * The load generator, in its own process so it never shares an event loop with what it measures:
 * autocannon for `seconds` at `connections`, then one JSON line with what it saw.
 *   signup: POST /trpc/auth.register with a new email each time (power level unless told)
 *   get:    GET `path` with the given headers (e.g. auth.me with a session cookie)
 */
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from '../infra/load.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const runTag = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let sequence = 0;

const requests: autocannon.Request[] =
  spec.kind === 'signup'
    ? [
        {
          method: 'POST',
          path: '/trpc/auth.register',
          headers: { 'content-type': 'application/json', origin: spec.origin ?? spec.url },
          setupRequest: (request) => {
            sequence += 1;
            return {
              ...request,
              body: JSON.stringify({
                email: `bench-${runTag}-${sequence}@bench.test`,
                password: 'bench password 1234',
                name: `Bench ${sequence}`,
                role: spec.role ?? 'power',
                reason: 'Load test of the sign-up path.',
              }),
            };
          },
        },
      ]
    : [{ method: 'GET', path: spec.path ?? '/', headers: spec.headers ?? {} }];

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  requests,
});

const output: LoadResult = {
  ok: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  seconds: result.duration,
  perSecond: result['2xx'] / result.duration,
  latencyMs: {
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    max: result.latency.max,
  },
};
process.stdout.write(`${JSON.stringify(output)}\n`);
