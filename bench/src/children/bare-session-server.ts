/**
 * Row 4's baseline: a bare node:http handler that answers what auth.me answers — the signed-in
 * user from the session cookie — with one query against the same database and the same pool
 * (@rolegate/db's createDb). No framework, no router, no validation: the floor for this lookup.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createDb } from '@rolegate/db';

const { port } = JSON.parse(process.argv[2] ?? '{}') as { port: number };
const db = await createDb(process.env.DATABASE_URL);
const SESSION_COOKIE = 'rolegate_session';

async function signedInUser(cookieHeader: string | undefined) {
  const token = cookieHeader
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .leftJoin('levelRequests as pending', (join) =>
      join.onRef('pending.userId', '=', 'users.id').on('pending.status', '=', 'pending'),
    )
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.isAdmin'])
    .select(['users.createdAt', 'users.emailVerified', 'users.levelExpiresAt'])
    .select('pending.requestedRole')
    .where('sessions.tokenHash', '=', tokenHash)
    .where('sessions.expiresAt', '>', new Date())
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    requestedRole: row.requestedRole,
    pending: row.requestedRole !== null,
    isAdmin: row.isAdmin,
    createdAt: row.createdAt.toISOString(),
    emailVerified: row.emailVerified,
    levelExpiresAt: row.levelExpiresAt?.toISOString() ?? null,
  };
}

const server = createServer((request, response) => {
  signedInUser(request.headers.cookie).then(
    (user) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ user }));
    },
    (error: Error) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(error.message);
    },
  );
});
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  server.close();
  void db.destroy();
});
