/**
 * Row 5: the JavaScript a first visit downloads (the entry script and what index.html preloads),
 * gzip-compressed, from the production build in apps/web/dist; the admin chunk separately.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from '../infra/paths.js';
import { check, type RowOutcome } from '../results.js';
import { round } from '../stats.js';

/** kB as Vite and browsers' devtools print it: 1 kB = 1000 bytes. */
const KB = 1000;

export function bundleRow(webDist = WEB_DIST): RowOutcome {
  const indexHtml = path.join(webDist, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(
      `No ${indexHtml}: build the web app first (pnpm --filter @rolegate/web build).`,
    );
  }
  const html = readFileSync(indexHtml, 'utf8');
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string),
  );
  const chunks = readdirSync(path.join(webDist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const file = `assets/${name}`;
      const bytes = readFileSync(path.join(webDist, file));
      // zlib's default level (6), what servers and CDNs typically use; -9 would look ~1% smaller.
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
  const sum = (list: typeof chunks) => list.reduce((total, chunk) => total + chunk.gzip, 0);
  const initialChunks = chunks.filter((chunk) => initial.has(chunk.file));
  const initialKb = round(sum(initialChunks) / KB, 1);
  const adminKb = round(sum(chunks.filter((chunk) => /\/admin-app-/.test(chunk.file))) / KB, 1);
  const lazyKb = round(sum(chunks.filter((chunk) => !initial.has(chunk.file))) / KB, 1);
  return {
    row: 5,
    title: 'initial JS of the production SPA (gzip); admin chunk separately',
    checks: [check('initial JS, gzip', initialKb, 'kB', '<=', 100)],
    figures: {
      'initial JS, gzip kB': initialKb,
      'initial JS, raw kB': round(initialChunks.reduce((t, c) => t + c.raw, 0) / KB, 1),
      'admin chunk, gzip kB': adminKb,
      'all lazy chunks, gzip kB': lazyKb,
      'initial files': initialChunks.map((chunk) => chunk.file).join(', '),
    },
    notes: [
      'from apps/web/dist (the build `pnpm bench` runs first): scripts index.html loads or preloads; gzip at zlib level 6; 1 kB = 1000 bytes',
    ],
  };
}
