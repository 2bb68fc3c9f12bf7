/**
 * What the production build ships: no server code in the browser bundle, and the admin panel in a
 * chunk of its own that the first page does not load.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

function builtFiles() {
  if (!existsSync(`${DIST}index.html`)) {
    throw new Error('apps/web/dist is missing: run `pnpm --filter @rolegate/web build` first.');
  }
  const scripts = readdirSync(`${DIST}assets`).filter((name) => name.endsWith('.js'));
  return { html: readFileSync(`${DIST}index.html`, 'utf8'), scripts };
}

// Markers of code that must stay on the server: its frameworks, database drivers and mailers.
const SERVER_ONLY = [
  'fastify',
  'kysely',
  'argon2',
  'nodemailer',
  'pglite',
  'pg-protocol',
  'initTRPC',
  'node:crypto',
];

describe('the production build', () => {
  it('holds no server code', () => {
    const { scripts } = builtFiles();
    const found = scripts.flatMap((name) => {
      const text = readFileSync(`${DIST}assets/${name}`, 'utf8');
      return SERVER_ONLY.filter((marker) => text.includes(marker)).map(
        (marker) => `${name}: ${marker}`,
      );
    });
    expect(found).toEqual([]);
  });

  it('puts the admin panel in its own chunk that the first page does not load', () => {
    const { html, scripts } = builtFiles();
    const adminChunks = scripts.filter((name) => name.startsWith('admin-app-'));
    expect(adminChunks).toHaveLength(1);
    expect(html).not.toContain('admin-app-');
  });

  it('leaves zod and the input schemas out of the first download: forms fetch them on demand', () => {
    const { html } = builtFiles();
    const entry = html.match(/src="\/(assets\/index-[\w-]+\.js)"/)?.[1];
    const initial = readFileSync(`${DIST}${entry}`, 'utf8');
    // A message of the shared sign-up schema: present only where the schemas are bundled.
    expect(initial.includes('Enter a valid email address')).toBe(false);
    const lazy = readdirSync(`${DIST}assets`).filter((name) => name.startsWith('input-schemas-'));
    expect(lazy).toHaveLength(1);
  });

  it('serves every script under /assets/ with a content hash in its name', () => {
    const { html, scripts } = builtFiles();
    expect(html).toMatch(/src="\/assets\/index-[\w-]{8,}\.js"/);
    for (const name of scripts) expect(name).toMatch(/-[\w-]{8,}\.js$/);
  });
});
