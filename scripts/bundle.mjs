#!/usr/bin/env node
/*
 * Bundles the command line into dist/bundle/ (`npm run build`, and so `npm ci`): fleetdeck.js holds
 * commander and the command definitions; every command's handler is its own chunk, loaded by the
 * import() that runs it. One file to load instead of a tree of small modules makes `--version` and
 * `--help` start faster (see `npm run bench -- startup`). Dependencies stay in node_modules, except
 * commander: it is all that `--help` and `--version` load, and inlined it costs one file, not twelve;
 * and Ink and React, inlined into the dashboard's chunk: loaded from node_modules they are ~150
 * files, resolved, read and (React's CommonJS) lexed one by one — 400 ms of the dashboard's start
 * here, 170 ms as one file. React's production build is the one inlined (NODE_ENV is fixed at
 * build time for it; bin/fleetdeck.js defaults it to production anyway).
 * dist/bundle/ sits two levels below the package root like dist/<folder>/, so paths code derives
 * from import.meta.url (themes/, package.json) hold in both.
 *
 *   node scripts/bundle.mjs [--outdir DIR]
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const INLINED = new Set(['commander', 'ink', 'react', 'yaml', 'zod', 'string-width']);

const outdir = resolve(root, values.outdir ?? 'dist/bundle');
// Chunk names carry a content hash: clear the old ones rather than let them pile up.
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { fleetdeck: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // react-devtools-core: Ink imports it only with DEV=true, and it is not installed.
  external: [...Object.keys(dependencies).filter((d) => !INLINED.has(d)), 'react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // commander is CommonJS: its require() calls of node builtins need a require in ES module scope.
  banner: {
    js: "import { createRequire as __fleetdeckRequire } from 'node:module'; const require = __fleetdeckRequire(import.meta.url);",
  },
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  // JSX of the dashboard, as tsconfig says (react-jsx).
  jsx: 'automatic',
  logLevel: 'warning',
});
