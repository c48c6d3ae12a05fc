import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heapTrim = fileURLToPath(new URL('../../../src/app/heap-trim.ts', import.meta.url));

/** The young generation's committed size (MB) after an allocation burst, in a fresh process. */
function newSpaceAfterBurst(cap: boolean): number {
  const code = `
    import v8 from 'node:v8';
    import { capYoungGeneration } from ${JSON.stringify(heapTrim)};
    if (${cap}) capYoungGeneration();
    const keep = [];
    for (let i = 0; i < 3e6; i++) { const o = { i, s: 'x' + i }; if (i % 50 === 0) keep.push(o); }
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(space.physical_space_size / 1048576, keep.length);`;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  expect(out.stderr).toBe('');
  return Number(out.stdout.split(' ')[0]);
}

describe('capYoungGeneration', () => {
  it('keeps the young generation at its start size through an allocation burst', () => {
    expect(newSpaceAfterBurst(false)).toBeGreaterThanOrEqual(8);
    expect(newSpaceAfterBurst(true)).toBeLessThanOrEqual(4);
  });
});
