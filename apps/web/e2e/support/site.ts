import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { type AppServer, startAppServer } from './app-server';
import { createTestDatabase, type TestDatabase } from './database';

export interface Site {
  /** Captures every message the app sends. */
  smtp: TestSmtpServer;
  app: AppServer;
  /** Stops the app, then drops its database and closes the SMTP server. */
  stop(): Promise<void>;
}

/**
 * What a browser test file runs against: an SMTP server capturing the mail, a database of its own,
 * and the built app on both, with `admin` as its first admin. `env` adds or overrides settings.
 */
export async function startSite(
  admin: { email: string; password: string },
  env: Record<string, string> = {},
): Promise<Site> {
  const smtp = await startSmtpServer();
  let database: TestDatabase | undefined;
  try {
    database = await createTestDatabase();
    const app = await startAppServer({
      DATABASE_URL: database.url,
      EMAIL_URL: `smtp://${smtp.host}:${smtp.port}`,
      ADMINS: admin.email,
      ROLEGATE_ADMIN_EMAIL: admin.email,
      ROLEGATE_ADMIN_PASSWORD: admin.password,
      DEFAULT_FROM_EMAIL: 'rolegate@rolegate.test',
      SERVER_EMAIL: 'rolegate@rolegate.test',
      ...env,
    });
    const started = database;
    return {
      smtp,
      app,
      stop: async () => {
        await app.stop();
        await started.drop();
        await smtp.close();
      },
    };
  } catch (error) {
    await database?.drop();
    await smtp.close();
    throw error;
  }
}
