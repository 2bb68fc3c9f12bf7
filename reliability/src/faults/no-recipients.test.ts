/**
 * A fresh install with nobody to tell (issue 12): no ADMINS and no admin account. A power request
 * must not sit unseen: the production server warns with the fix at start and at the request, and
 * /healthz says so, until an admin exists.
 */
import { describe, expect } from 'vitest';
import { db, stack, useFileStack } from '../harness/file-stack.js';
import { reliabilityCase, waitFor } from '../harness/index.js';
import { signUp } from '../security/accounts.js';

useFileStack({ env: { ADMINS: '', ROLEGATE_ADMIN_EMAIL: '', ROLEGATE_ADMIN_PASSWORD: '' } });

const healthzMail = async () => {
  const response = await fetch(`${stack.servers[0]?.url}/healthz`);
  return ((await response.json()) as { mail?: string }).mail;
};

describe('level requests that would reach nobody', () => {
  reliabilityCase(
    'are warned of at start and at each request, with the fix, and /healthz says no recipients',
    60_000,
    async (figures) => {
      const server = stack.servers[0];
      if (!server) throw new Error('no server');
      const warnings = () =>
        server
          .output()
          .split('\n')
          .filter((line) => line.includes('Level requests reach nobody'));
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]).toContain('Fix: set ADMINS');
      expect(await healthzMail()).toBe('no recipients');

      await signUp(stack.personOptions(), { email: 'unseen@nobody.test', role: 'power' });
      await waitFor('the warning at the request', () =>
        warnings().length === 2 ? true : undefined,
      );
      expect(warnings()[1]).toContain('requestId');
      figures.warnings = warnings().length;

      await signUp(stack.personOptions(), { email: 'late-admin@nobody.test', role: 'reader' });
      await db
        .updateTable('users')
        .set({ isAdmin: true })
        .where('email', '=', 'late-admin@nobody.test')
        .execute();
      expect(await healthzMail()).toBe('ok');
    },
  );
});
