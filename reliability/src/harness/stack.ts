/**
 * Everything one case runs against: a fresh Postgres database, a controllable SMTP server, N
 * production servers and M `rolegate worker` processes sharing them. stop() tears it all down.
 *
 *   const stack = await startStack({ servers: 2, workers: 2, serverEnv: { MAIL_WORKER: 'false' } });
 *   const admin = await signInAdmin(stack.personOptions());
 */
import {
  type StartSmtpServerOptions,
  startSmtpServer,
  type TestSmtpServer,
} from '@rolegate/mail/testing';
import { freePort } from '@rolegate/testkit';
import { appEnv, smtpUrl } from './app-env.js';
import type { PersonOptions } from './client.js';
import { type CaseDatabase, createCaseDatabase } from './database.js';
import { type ServerProcess, startServer, startWorker, type WorkerProcess } from './servers.js';

export interface StackOptions {
  /** Without Postgres, run on a PGlite directory (one server, no workers, no direct SQL). */
  allowPglite?: boolean;
  /** Postgres server to create the case's database on, instead of DATABASE_URL's. */
  postgresUrl?: string;
  servers?: number;
  workers?: number;
  smtp?: StartSmtpServerOptions;
  /** Settings for every process (e.g. EMAIL_TIMEOUT); wins over app-env.ts's defaults. */
  env?: Record<string, string>;
  /** Settings for the servers only (e.g. MAIL_WORKER=false when workers deliver). */
  serverEnv?: Record<string, string>;
}

export interface Stack {
  database: CaseDatabase;
  smtp: TestSmtpServer;
  servers: ServerProcess[];
  workers: WorkerProcess[];
  /** APP_URL of every server: the Origin a browser on the app sends. */
  appUrl: string;
  /** The environment each server got (without PORT); workers get the same. */
  env: Record<string, string>;
  /** Client options for a person: round robin over the running servers unless `server` is given. */
  personOptions(overrides?: Partial<PersonOptions> & { server?: ServerProcess }): PersonOptions;
  addServer(label?: string): Promise<ServerProcess>;
  addWorker(label?: string): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database = await createCaseDatabase({
    allowPglite: options.allowPglite ?? false,
    ...(options.postgresUrl === undefined ? {} : { serverUrl: options.postgresUrl }),
  });
  const smtp = await startSmtpServer(options.smtp);
  // One public origin for all servers, as behind a load balancer: APP_URL and the Origin check.
  const appUrl = `http://127.0.0.1:${await freePort()}`;
  const env = appEnv({
    databaseUrl: database.url,
    emailUrl: smtpUrl(smtp.port, options.smtp?.auth),
    appUrl,
    extra: options.env,
  });
  const servers: ServerProcess[] = [];
  const workers: WorkerProcess[] = [];
  let turn = 0;

  const stack: Stack = {
    database,
    smtp,
    servers,
    workers,
    appUrl,
    env,
    personOptions({ server, ...overrides } = {}) {
      const pick = () => {
        if (server !== undefined) return server.url;
        const running = servers.filter((s) => s.running);
        const chosen = running[turn++ % Math.max(1, running.length)] ?? servers[0];
        if (chosen === undefined) throw new Error('the stack has no server');
        return chosen.url;
      };
      return { baseUrl: pick, origin: appUrl, ...overrides };
    },
    async addServer(label = `server ${servers.length + 1}`) {
      const server = await startServer({ ...env, ...options.serverEnv }, { label });
      servers.push(server);
      return server;
    },
    async addWorker(label = `worker ${workers.length + 1}`) {
      const worker = await startWorker(env, { label });
      workers.push(worker);
      return worker;
    },
    async stop() {
      await Promise.all([...servers, ...workers].map((p) => p.kill('SIGKILL')));
      await smtp.close();
      await database.drop();
    },
  };

  try {
    // The first server migrates the fresh database; the others start after it.
    for (let i = 0; i < (options.servers ?? 1); i++) await stack.addServer();
    await Promise.all(Array.from({ length: options.workers ?? 0 }, () => stack.addWorker()));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
