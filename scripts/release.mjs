#!/usr/bin/env node
/**
 * `pnpm release [dir]`: one folder that runs Rolegate with `node main.js` and nothing else (decision
 * 020). It holds the server's build, its production dependencies (the workspace packages copied
 * in, not linked), the migrations inside @rolegate/db, and the built web app in web/. Run after
 * `pnpm build` (the root `release` script does both). Default folder: ./release.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(root, 'release'));
const serverMain = path.join(root, 'apps/server/dist/main.js');
const webDist = path.join(root, 'apps/web/dist');

for (const built of [serverMain, path.join(webDist, 'index.html')]) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`pnpm build\` first (\`pnpm release\` does).`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
// Copies apps/server's `files` (dist/) and installs its production dependencies from the lockfile,
// with the workspace packages injected as real folders, so the result needs no checkout.
execFileSync('pnpm', ['--filter', '@rolegate/server', 'deploy', '--prod', out], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

// TypeScript is only a peer of @trpc/server for its types: 23 MB that nothing loads at run time.
const store = path.join(out, 'node_modules', '.pnpm');
for (const entry of readdirSync(store)) {
  if (entry.startsWith('typescript@')) rmSync(path.join(store, entry), { recursive: true });
}
// Install-time files of the deploy; the folder is run, never installed again.
for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml'])
  rmSync(path.join(out, file), { force: true });

cpSync(webDist, path.join(out, 'web'), { recursive: true });
writeFileSync(path.join(out, 'main.js'), "import './dist/main.js';\n");
writeFileSync(path.join(out, 'rolegate.js'), "import './dist/cli/main.js';\n");
console.log(
  `Release written to ${out}: start it with \`node main.js\` (CLI: \`node rolegate.js --help\`).`,
);
