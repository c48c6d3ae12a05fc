// Child process of keep-alive.test.ts: only an unref'd timer is pending, like a dashboard whose
// hosts are all down with stdin from /dev/null. It prints "released" only if something held it.
import { holdProcessOpen } from '../../../src/app/keep-alive.js';

const hold = process.argv[2] === 'hold';
const release = hold ? holdProcessOpen() : () => undefined;
const timer = setTimeout(() => {
  process.stdout.write('released\n');
  release();
}, 300);
timer.unref();
