#!/usr/bin/env node
// Part of `pnpm build`, after tsc: saves a migrated PGlite cluster beside the build, so a new
// data directory is unpacked from it instead of running initdb (see src/pglite-datadir.ts).
import { saveDataDir } from '../dist/pglite-datadir-save.js';

const file = await saveDataDir();
console.log(`PGlite data directory template: ${file}`);
