import { resolveMx } from 'node:dns/promises';
import { withTimeout } from '../diagnose/smtp/errors.js';
import { type Provider, providerForDomain, providerForHost } from './providers.js';

export const DEFAULT_SETUP_PORTS: readonly number[] = [587, 465, 2525, 25];

/** One host and port to probe. */
export interface Candidate {
  host: string;
  port: number;
  /** Where the host came from, for the report: "Gmail", "smtp.<domain>", "MX", "--host". */
  source: string;
}

export interface CandidatePlan {
  candidates: Candidate[];
  provider: Provider | undefined;
}

/**
 * The hosts and ports worth probing for an address, in order of preference: the host given, or a
 * known provider's hosts, then smtp.<domain>, mail.<domain> and the domain's MX host; each on the
 * provider's ports first, then on every port of `ports`.
 */
export async function planCandidates(options: {
  domain: string;
  host?: string;
  ports: readonly number[];
  timeoutMs: number;
}): Promise<CandidatePlan> {
  const { domain, ports } = options;
  const provider =
    options.host === undefined ? providerForDomain(domain) : providerForHost(options.host);
  const hosts: { host: string; source: string }[] = [];
  if (options.host !== undefined) {
    hosts.push({ host: options.host, source: '--host' });
  } else {
    for (const host of provider?.hosts ?? []) hosts.push({ host, source: provider?.name ?? '' });
    hosts.push({ host: `smtp.${domain}`, source: 'smtp.<domain>' });
    hosts.push({ host: `mail.${domain}`, source: 'mail.<domain>' });
    const mx = await mxHost(domain, options.timeoutMs);
    if (mx !== null) hosts.push({ host: mx, source: 'MX' });
  }
  const portOrder = [...(provider?.ports ?? []), ...ports];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const { host, source } of hosts) {
    for (const port of portOrder) {
      const key = `${host.toLowerCase()}:${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ host, port, source });
    }
  }
  return { candidates, provider };
}

/** The domain's most preferred MX host, or null when it has none or DNS does not answer in time. */
async function mxHost(domain: string, timeoutMs: number): Promise<string | null> {
  const found = await withTimeout(
    resolveMx(domain).catch(() => []),
    timeoutMs,
  );
  if (found === 'timeout' || found.length === 0) return null;
  const best = [...found].sort((a, b) => a.priority - b.priority)[0];
  return best?.exchange.replace(/\.$/, '') || null;
}
