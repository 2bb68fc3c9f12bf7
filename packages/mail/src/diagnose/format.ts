import { type Diagnosis, type Finding, isFailure } from './types.js';

const MARK = { ok: '✓', failed: '✗', skipped: '·' } as const;

/**
 * Plain text for a terminal or a <pre>: a heading per transport, one line per finding marked
 * ✓ / ✗ (· for a step not tried), the fix and the server's words indented beneath, and a verdict.
 */
export function formatDiagnosis(diagnosis: Diagnosis): string {
  const lines: string[] = [];
  let heading: string | null = null;
  for (const finding of diagnosis.findings) {
    if (finding.transport !== heading) {
      heading = finding.transport;
      if (lines.length > 0) lines.push('');
      lines.push(`${capitalize(heading)}:`);
    }
    lines.push(...formatFinding(finding));
  }
  lines.push('', verdict(diagnosis));
  return lines.join('\n');
}

function formatFinding(finding: Finding): string[] {
  const mark = finding.skipped ? MARK.skipped : finding.ok ? MARK.ok : MARK.failed;
  const lines = [`${mark} ${finding.explanation}`];
  if (finding.fix !== undefined && !finding.skipped) lines.push(`    Fix: ${finding.fix}`);
  if (finding.detail !== undefined && isFailure(finding)) {
    lines.push(`    Detail: ${oneLine(finding.detail)}`);
  }
  return lines;
}

function verdict(diagnosis: Diagnosis): string {
  const failing = new Set(diagnosis.findings.filter(isFailure).map((finding) => finding.transport));
  if (!diagnosis.ok)
    return `${MARK.failed} Mail does not work: fix the first ✗ above and run the check again.`;
  if (failing.size === 0) return `${MARK.ok} Mail works.`;
  return `${MARK.ok} Mail works, but ${[...failing].join(' and ')} would fail: see the ✗ above.`;
}

function oneLine(text: string): string {
  const joined = text.replace(/\s*\r?\n\s*/g, ' | ').trim();
  return joined.length > 300 ? `${joined.slice(0, 297)}...` : joined;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
