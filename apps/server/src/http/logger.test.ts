import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '@rolegate/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import { createLogger } from './logger.js';

/** A real stream, as pino-pretty pipes into one. */
function memoryDestination() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { lines });
}

describe('createLogger', () => {
  it('writes one JSON object a line when the lines do not go to a terminal', () => {
    const out = memoryDestination();
    createLogger({ logLevel: 'info' }, out).info({ url: 'http://localhost:3000' }, 'ready');
    expect(JSON.parse(out.lines.join(''))).toMatchObject({
      level: 30,
      msg: 'ready',
      url: 'http://localhost:3000',
    });
  });

  it('writes readable lines for a person, with the fields below and secrets still censored', async () => {
    const out = memoryDestination();
    const logger = createLogger({ logLevel: 'info', logFormat: 'pretty' }, out);
    logger.warn({ url: 'http://localhost:3000', password: 'hunter2-hunter2' }, 'ready');
    await expect.poll(() => out.lines.join('')).toContain('ready');
    const text = out.lines.join('');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: ready\n/);
    expect(text).toContain('url: "http://localhost:3000"');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('{"level"');
  });
});

/** The built server, its output collected; through `script` it runs on a pseudo-terminal. */
let child: ChildProcess | undefined;
afterEach(() => {
  // The whole process group: `script` and the server under it.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  child = undefined;
});

async function startServerOutput(
  onTerminal: boolean,
  extraEnv: Record<string, string> = {},
): Promise<string> {
  const main = path.join(path.dirname(path.dirname(await ensureCliBuilt())), 'main.js');
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(await freePort()),
    DATABASE_URL: 'pglite:memory:',
    EMAIL_BACKEND: 'dummy',
    ...extraEnv,
  };
  const command = onTerminal
    ? spawn('script', ['-qfec', `"${process.execPath}" "${main}"`, '/dev/null'], {
        env,
        detached: true,
      })
    : spawn(process.execPath, [main], { env, detached: true });
  child = command;
  let output = '';
  command.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(() => output, { timeout: 60_000, interval: 100 })
    .toContain('Rolegate is ready');
  return output;
}

describe('the server started by a person', () => {
  it('prints readable lines on a terminal', async () => {
    const output = await startServerOutput(true);
    const ready = output.split(/\r?\n/).find((line) => line.includes('Rolegate is ready')) ?? '';
    // Colours on a terminal: strip them to read the words.
    expect(stripVTControlCharacters(ready)).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: /);
    expect(output).not.toContain('{"level"');
  }, 90_000);

  it('prints JSON lines when its output goes to a pipe (a log collector)', async () => {
    const output = await startServerOutput(false);
    const ready = output.split('\n').find((line) => line.includes('Rolegate is ready')) ?? '';
    expect(JSON.parse(ready)).toMatchObject({ level: 30, msg: 'Rolegate is ready' });
  }, 90_000);

  it('prints readable lines into a pipe with LOG_FORMAT=pretty, as `pnpm dev` sets it under turbo', async () => {
    const output = await startServerOutput(false, { LOG_FORMAT: 'pretty' });
    const ready = output.split('\n').find((line) => line.includes('Rolegate is ready')) ?? '';
    expect(stripVTControlCharacters(ready)).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: /);
    expect(output).not.toContain('{"level"');
  }, 90_000);

  it('prints JSON on a terminal with LOG_FORMAT=json', async () => {
    const output = await startServerOutput(true, { LOG_FORMAT: 'json' });
    const ready = output.split(/\r?\n/).find((line) => line.includes('Rolegate is ready')) ?? '';
    expect(JSON.parse(ready)).toMatchObject({ level: 30, msg: 'Rolegate is ready' });
  }, 90_000);
});
