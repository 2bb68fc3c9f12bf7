#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit downloads (the entry script and what it
// preloads) and of each lazy chunk, from the built dist/. Run after `pnpm --filter @rolegate/web build`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
let html;
try {
  html = readFileSync(path.join(dist, 'index.html'), 'utf8');
} catch {
  console.error('No dist/index.html: run `pnpm --filter @rolegate/web build` first.');
  process.exit(1);
}

const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]),
);
const gzip = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

const chunks = readdirSync(path.join(dist, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const file = `assets/${name}`;
    return { file, raw: readFileSync(path.join(dist, file)).length, gzip: gzip(file) };
  })
  .sort((a, b) => b.gzip - a.gzip);

let initialTotal = 0;
for (const chunk of chunks) {
  const isInitial = initial.has(chunk.file);
  if (isInitial) initialTotal += chunk.gzip;
  console.log(
    `${isInitial ? 'initial' : 'lazy   '}  ${chunk.file.padEnd(40)} ${kB(chunk.raw).padStart(9)}  gzip ${kB(chunk.gzip).padStart(8)}`,
  );
}
const admin = chunks.filter((chunk) => /\/admin-app-/.test(chunk.file));
console.log(`\nInitial JS (gzip): ${kB(initialTotal)}`);
console.log(`Admin panel chunk (gzip): ${kB(admin.reduce((sum, chunk) => sum + chunk.gzip, 0))}`);
