import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.js';

const SECRET = 'DATABASE_URL=postgres://admin:hunter2@db';

let s: TestServer;
let webDist: string;
beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'rolegate-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await mkdir(path.join(webDist, '.git'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Rolegate</title>');
  await writeFile(path.join(webDist, '.env'), SECRET);
  await writeFile(path.join(webDist, '.git', 'config'), SECRET);
  await writeFile(path.join(webDist, 'assets', '.env'), SECRET);
  s = await startTestServer({ webDistDir: webDist });
});
afterAll(async () => {
  await s.close();
  await rm(webDist, { recursive: true, force: true });
});

describe('dotfiles beside the built web app', () => {
  it.each(['/.env', '/.git/config', '/assets/.env', '/%2eenv', '/.env?download=1'])(
    'GET %s is 404 and never the file, for a browser or a script',
    async (filePath) => {
      for (const accept of ['*/*', 'text/html']) {
        const response = await fetch(`${s.url}${filePath}`, { headers: { accept } });
        expect(response.status, `${filePath} with Accept: ${accept}`).toBe(404);
        expect(await response.text()).not.toContain('hunter2');
      }
    },
  );
});
