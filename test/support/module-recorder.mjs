/*
 * `node --import ./test/support/module-recorder.mjs …` with FLEETDECK_MODULE_LOG=FILE: writes to
 * FILE every module the process loaded — ES modules as the loader resolves them (a resolve hook)
 * and CommonJS ones from require's cache at exit — one absolute URL or path a line. It proves what
 * a command loads (tests, the startup bench) without timing anything.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.FLEETDECK_MODULE_LOG;
if (file) {
  writeFileSync(file, '');
  register('./module-recorder-hooks.mjs', import.meta.url, { data: { file } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const cjs = Object.keys(require.cache);
    if (cjs.length > 0) appendFileSync(file, cjs.join('\n') + '\n');
  });
}
