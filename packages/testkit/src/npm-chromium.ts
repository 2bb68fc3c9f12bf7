/**
 * The Chromium that `@sparticuz/chromium` ships inside its npm package (brotli-compressed, with the
 * NSS libraries it links against and a font), unpacked once into this package's
 * node_modules/.cache. Only its files are used, never its code: that code unpacks into the shared
 * /tmp without a lock, and can download a browser, which never happens here.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';
import { withDirectoryLock } from './directory-lock.js';

export interface UnpackedChromium {
  executablePath: string;
  /** What the browser process needs besides the caller's environment: its libraries and fonts. */
  env: Record<string, string>;
  version: string;
}

// dist/ → the package folder: the cache lives and dies with this package's node_modules.
const CACHE_ROOT = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));

/** Unpacks the packaged Chromium (about 3 s, once per installed version) and says how to run it. */
export async function unpackNpmChromium(): Promise<UnpackedChromium> {
  const { packageDir, version } = findPackage(
    createRequire(import.meta.url).resolve('@sparticuz/chromium'),
  );
  const target = path.join(CACHE_ROOT, `sparticuz-chromium-${version}`);
  if (!existsSync(path.join(target, 'chromium'))) {
    await withUnpackLock(target, () => unpackInto(path.join(packageDir, 'bin'), target));
  }
  return {
    executablePath: path.join(target, 'chromium'),
    env: {
      // Amazon Linux's NSS, built for this Chromium: a machine without Debian's chromium package
      // has no libnss3 of its own.
      LD_LIBRARY_PATH: [path.join(target, 'lib'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
      FONTCONFIG_PATH: target,
    },
    version,
  };
}

/** The package's folder (whose bin/ holds the compressed browser), from its entry point's path. */
function findPackage(entry: string): { packageDir: string; version: string } {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version: string;
    };
    if (name === '@sparticuz/chromium') return { packageDir: dir, version };
  }
  throw new Error(`@sparticuz/chromium's package.json not found above ${entry}`);
}

/** A lock older than this was left by a killed run (unpacking takes seconds, or a minute under load). */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Test files in several processes (the web app's, the reliability suite's) reach this at once on a
 * new machine: one unpacks while the others wait for it, instead of each decompressing 210 MB on
 * the same cores. A lock directory, since mkdir either creates it or fails, in one step.
 */
async function withUnpackLock(target: string, unpack: () => Promise<void>): Promise<void> {
  await mkdir(CACHE_ROOT, { recursive: true });
  const unpacked = () => existsSync(path.join(target, 'chromium'));
  if (unpacked()) return;
  await withDirectoryLock(`${target}.lock`, { staleMs: STALE_LOCK_MS, pollMs: 250 }, async () => {
    if (!unpacked()) await unpack();
  });
}

/**
 * Unpacks into a folder of its own and renames it into place, so nobody ever runs a half-written
 * binary, even if the lock was taken over from a run that looked dead.
 */
async function unpackInto(bin: string, target: string): Promise<void> {
  const scratch = await mkdtemp(`${target}.partial-`);
  try {
    await Promise.all([
      pipeline(
        createReadStream(path.join(bin, 'chromium.br')),
        createBrotliDecompress(),
        createWriteStream(path.join(scratch, 'chromium'), { mode: 0o755 }),
      ),
      untar(path.join(bin, 'al2023.tar.br'), scratch),
      untar(path.join(bin, 'fonts.tar.br'), scratch),
    ]);
    // The package's own fonts.conf names Lambda's folders; this one names the unpacked font and
    // the machine's own fonts, where it has some.
    await writeFile(
      path.join(scratch, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        `  <dir>${path.join(target, 'fonts')}</dir>`,
        '  <dir>/usr/share/fonts</dir>',
        `  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    await rename(scratch, target).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(path.join(target, 'chromium'))) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function untar(archive: string, into: string): Promise<void> {
  return pipeline(createReadStream(archive), createBrotliDecompress(), extract(into));
}
