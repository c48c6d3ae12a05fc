#!/usr/bin/env node
// Thin launcher: the program is bundled into dist/bundle/ by `npm ci` / `npm run build`.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node ≥ 22.1 keeps V8's compiled code between runs; older Node has no such switch (a no-op).
module.enableCompileCache?.();

// React's development build checks every render; an operator's dashboard wants the production one.
// (React reads NODE_ENV when it is first imported, which happens below, after this line.)
process.env.NODE_ENV ??= 'production';

const entry = new URL('../dist/bundle/fleetdeck.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `fleetdeck is not built yet: run \`npm ci\` (or \`npm run build\`) in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exit(1);
}
const { main } = await import(entry.href);
const status = await main(process.argv);
// Open handles (SSH sockets being torn down) must not keep a finished command alive.
process.exitCode = status;
// Exit once stdout is flushed: a pipe write is asynchronous and exiting early would cut output.
process.stdout.write('', () => process.exit(status));
