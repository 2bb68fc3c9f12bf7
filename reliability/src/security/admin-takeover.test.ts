/**
 * Attacks (issue 10): taking the admin account over through the bootstrap. Someone signs up as the
 * address the operator is about to name admin; the operator then restarts the production server
 * with ROLEGATE_ADMIN_EMAIL set to it. The squatter must not become admin (neither their session
 * nor their password), the server must say how to take the address back, and `rolegate
 * create-admin --reset-password` must do so and sign the squatter out.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect } from 'vitest';
import { db, stack, useFileStack } from '../harness/file-stack.js';
import {
  CLI_MAIN,
  clientError,
  PASSWORD,
  person,
  reliabilityCase,
  startServer,
} from '../harness/index.js';
import { signUp, userRow } from './accounts.js';

const OPERATOR_EMAIL = 'ops@takeover.test';
const OPERATOR_PASSWORD = 'the operator chose this one';

useFileStack({ serverEnv: { MAIL_WORKER: 'false' } });

const adminFlag = async () => (await userRow(db, { email: OPERATOR_EMAIL })).isAdmin;

describe('attacks: admin takeover through the bootstrap', () => {
  reliabilityCase(
    'an account signed up first with the admin address is not made admin by ROLEGATE_ADMIN_EMAIL at restart; create-admin --reset-password takes it back',
    120_000,
    async (figures) => {
      const { person: squatter } = await signUp(stack.personOptions(), {
        email: OPERATOR_EMAIL,
        role: 'reader',
      });

      // The operator names the address admin and restarts the server.
      const [first] = stack.servers;
      await first?.stop();
      const restarted = await startServer(
        {
          ...stack.env,
          MAIL_WORKER: 'false',
          LOG_LEVEL: 'info',
          ROLEGATE_ADMIN_EMAIL: OPERATOR_EMAIL,
          ROLEGATE_ADMIN_PASSWORD: OPERATOR_PASSWORD,
        },
        { label: 'restarted with ROLEGATE_ADMIN_EMAIL' },
      );
      stack.servers.push(restarted);
      const options = stack.personOptions({ server: restarted });
      // The squatter still holds the session cookie they had before the restart.
      const me = await squatter.trpc.auth.me.query();
      expect(me.user?.email).toBe(OPERATOR_EMAIL);
      expect(me.user?.isAdmin).toBe(false);
      const withOwnPassword = await person(options).trpc.auth.login.mutate({
        email: OPERATOR_EMAIL,
        password: PASSWORD,
      });
      expect(withOwnPassword.user.isAdmin).toBe(false);
      const adminCall = await clientError(squatter.trpc.admin.users.query());
      expect(adminCall.data?.code).toBe('FORBIDDEN');
      expect(await adminFlag()).toBe(false);

      const log = restarted.currentOutput();
      expect(log).toContain('NOT made admin');
      expect(log).toContain(
        `pnpm rolegate create-admin --email ${OPERATOR_EMAIL} --reset-password`,
      );
      expect(log).not.toContain(OPERATOR_PASSWORD);

      // The operator takes the address back with the CLI, as the log line says.
      const cli = execFileSync(
        process.execPath,
        [
          CLI_MAIN,
          'create-admin',
          '--email',
          OPERATOR_EMAIL,
          '--password-stdin',
          '--reset-password',
        ],
        { env: { PATH: process.env.PATH ?? '', ...stack.env }, input: `${OPERATOR_PASSWORD}\n` },
      ).toString();
      expect(cli).toContain('now an admin');
      expect((await squatter.trpc.auth.me.query()).user).toBeNull();
      const squatterAgain = await clientError(
        person(options).trpc.auth.login.mutate({ email: OPERATOR_EMAIL, password: PASSWORD }),
      );
      expect(squatterAgain.data?.code).toBe('UNAUTHORIZED');
      const operator = await person(options).trpc.auth.login.mutate({
        email: OPERATOR_EMAIL,
        password: OPERATOR_PASSWORD,
      });
      expect(operator.user).toMatchObject({ isAdmin: true, role: 'power' });

      figures.squatterSessionAfterRestart = me.user?.isAdmin ? 'admin' : 'not admin';
      figures.squatterPasswordAfterRestart = withOwnPassword.user.isAdmin ? 'admin' : 'not admin';
      figures.startLogNamesFix = true;
      figures.afterResetPassword = 'squatter signed out, operator admin at power';
    },
  );
});
