import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./hold-child.ts', import.meta.url));

async function outputOf(mode: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, mode], { timeout: 30_000 });
  return stdout;
}

describe('holdProcessOpen (the dashboard never leaves by itself)', () => {
  it('without it, a process with only unref’d timers ends at once (why the wallboard vanished)', async () => {
    expect(await outputOf('none')).toBe('');
  });

  it('keeps the process until released, then lets it end', async () => {
    expect(await outputOf('hold')).toBe('released\n');
  });
});
