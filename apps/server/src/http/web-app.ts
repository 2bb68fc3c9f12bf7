/**
 * Serves the built SPA when it exists (apps/web/dist in a checkout, web/ in the release folder): hashed files under /assets/ are cached for a
 * year, index.html never (so a deploy is picked up at once), and any other GET that wants HTML gets
 * index.html so client-side routes survive a reload.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withoutSecrets } from './request-log.js';

// This file runs from dist/http/: in the release folder (`pnpm release`) the SPA sits beside dist/,
// in a checkout it is the web app's build next door.
const WEB_DIST_CANDIDATES = ['../../web', '../../../web/dist'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);
const DEFAULT_WEB_DIST =
  WEB_DIST_CANDIDATES.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;

export async function registerWebApp(
  server: FastifyInstance,
  webDistDir: string | null | undefined,
): Promise<void> {
  const root = webDistDir === undefined ? DEFAULT_WEB_DIST : webDistDir;
  if (root === null || !existsSync(path.join(root, 'index.html'))) {
    server.log.debug({ root }, 'no built web app: serving the API only');
    // Ours, not fastify's default, which logs every unknown URL in full (tokens of mailed links too).
    server.setNotFoundHandler(notFound);
    return;
  }
  await server.register(fastifyStatic, {
    root,
    cacheControl: false,
    // @fastify/static serves dotfiles by default: a stray .env or .git/ beside the build would be
    // public. 'ignore' answers them as if they did not exist (the not-found handler below).
    dotfiles: 'ignore',
    setHeaders(reply, filePath) {
      const immutable = filePath.startsWith(path.join(root, 'assets') + path.sep);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  server.setNotFoundHandler((request, reply) => {
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false;
    const isApi = request.url === '/trpc' || request.url.startsWith('/trpc/');
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      wantsHtml &&
      !isApi &&
      !namesDotfile(request.url)
    ) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return notFound(request, reply);
  });
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  const url = withoutSecrets(request.url);
  return reply
    .code(404)
    .send({ error: 'Not Found', message: `${request.method} ${url} does not exist.` });
}

/** A path with a segment starting with a dot (`/.env`, `/.git/config`, `/%2eenv`): never a page. */
function namesDotfile(url: string): boolean {
  const pathname = url.split('?', 1)[0] ?? '';
  return /(^|\/)(\.|%2e)/i.test(pathname);
}
