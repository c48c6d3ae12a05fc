#!/usr/bin/env node
// The fault proxy as a standalone process: `node test/support/fault-proxy.mjs --listen P --to Q
// --delay 300 [--control SOCKET]` (options and control commands: test/support/fault-proxy-cli.ts).
// The proxy is written in TypeScript, so this launcher loads it through tsx (a dev dependency).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./fault-proxy-cli.ts', import.meta.url);
try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`fault-proxy: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
