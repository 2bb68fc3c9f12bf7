import { seconds } from '../diagnose/check.js';
import type { EnvelopePlan } from '../diagnose/smtp/diagnose-smtp.js';
import { type Candidate, planCandidates } from './candidates.js';
import { type CandidateResult, type Credentials, probeCandidate } from './probe.js';
import type { Provider } from './providers.js';

export interface FindOptions extends Credentials {
  /** The address mail will come from: its domain picks the candidates, and it is the test sender. */
  from: string;
  host?: string;
  ports: readonly number[];
  /** The whole probe, every candidate at once, ends within this. */
  timeoutMs: number;
  /** Called as each candidate answers (or the time runs out for it). */
  onResult?: (result: CandidateResult) => void;
}

export interface FindResult {
  provider: Provider | undefined;
  /** Every candidate, in the order they were planned. */
  results: CandidateResult[];
  /** The best working candidate, if any. */
  chosen: CandidateResult | null;
}

/**
 * Probes every candidate at once (mail setup's search) and picks the best that passed every step:
 * implicit TLS before STARTTLS before plain SMTP without a password, then the planned order.
 */
export async function findMailSettings(options: FindOptions): Promise<FindResult> {
  const domain = options.from.slice(options.from.lastIndexOf('@') + 1);
  // Each step gets part of the whole: a silent port costs the greeting wait and a TLS handshake.
  const stepTimeoutMs = Math.max(1000, Math.floor((options.timeoutMs - 1500) / 2));
  const { candidates, provider } = await planCandidates({
    domain,
    ...(options.host === undefined ? {} : { host: options.host }),
    ports: options.ports,
    timeoutMs: stepTimeoutMs,
  });
  const plan: EnvelopePlan = {
    senders: [{ address: options.from, setting: 'the from address' }],
    recipients: [{ address: options.from, setting: 'the from address' }],
  };
  const credentials = { username: options.username, password: options.password };
  const results = await Promise.all(
    candidates.map(async (candidate) => {
      const result = await withDeadline(
        probeCandidate(candidate, credentials, plan, stepTimeoutMs),
        options.timeoutMs,
        candidate,
      );
      options.onResult?.(result);
      return result;
    }),
  );
  const working = results.filter((result) => result.ok);
  const rank = (result: CandidateResult) =>
    result.security === 'ssl' ? 0 : result.security === 'starttls' ? 1 : 2;
  const chosen =
    working.sort((a, b) => rank(a) - rank(b) || results.indexOf(a) - results.indexOf(b))[0] ?? null;
  return { provider, results, chosen };
}

async function withDeadline(
  work: Promise<CandidateResult>,
  timeoutMs: number,
  candidate: Candidate,
): Promise<CandidateResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CandidateResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          candidate,
          security: null,
          authMechanisms: [],
          ok: false,
          checks: [
            {
              step: 'connect',
              ok: false,
              explanation: `${candidate.host}:${candidate.port} did not finish the check within ${seconds(timeoutMs)}.`,
              fix: 'Run setup again; if it repeats, the server is too slow or a firewall holds the connection.',
            },
          ],
          transport: {
            backend: 'smtp',
            host: candidate.host,
            port: candidate.port,
            username: null,
            password: null,
            security: 'none',
            timeoutMs,
            sslCertfile: null,
            sslKeyfile: null,
          },
        }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
