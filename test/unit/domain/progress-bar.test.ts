import { describe, expect, it } from 'vitest';
import { barCells, clockDuration, meterLine } from '../../../src/domain/progress/bar.js';
import { meterComplete, type ProgressMeter } from '../../../src/domain/progress/meter.js';
import { displayWidth } from '../../../src/domain/text/width.js';

const T0 = 1_700_000_000_000;

function meter(over: Partial<ProgressMeter> = {}): ProgressMeter {
  return {
    key: 'k',
    label: 'redeploy web',
    done: 2,
    total: 5,
    unit: 'replicas',
    startedAt: T0,
    at: T0 + 42_000,
    detail: 'batch 2/3',
    ...over,
  };
}

describe('progress bar', () => {
  it('fills the cells to the fraction, with eighths, never past its width', () => {
    expect(barCells(0, 10)).toBe(`[${'░'.repeat(10)}]`);
    expect(barCells(1, 10)).toBe(`[${'█'.repeat(10)}]`);
    expect(barCells(0.5, 10)).toBe(`[${'█'.repeat(5)}${'░'.repeat(5)}]`);
    expect(barCells(0.55, 10)).toBe(`[${'█'.repeat(5)}▌${'░'.repeat(4)}]`);
    expect(barCells(7, 10)).toBe(barCells(1, 10));
    expect(barCells(Number.NaN, 4)).toBe('[░░░░]');
    for (let i = 0; i <= 80; i++) expect(displayWidth(barCells(i / 80, 10))).toBe(12);
  });

  it('says elapsed as a clock', () => {
    expect(clockDuration(0)).toBe('0:00');
    expect(clockDuration(42_400)).toBe('0:42');
    expect(clockDuration(725_000)).toBe('12:05');
    expect(clockDuration(3_723_000)).toBe('1:02:03');
  });

  it('a redeploy: replicas done of total, the estimate, elapsed, the batch running', () => {
    const line = meterLine(meter(), T0 + 42_000, 100);
    expect(line).toMatch(
      /^redeploy web \[█+[▏▎▍▌▋▊▉]?░+\] 2\/5 replicas · ~1:03 left · 0:42 elapsed · batch 2\/3$/,
    );
    expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it('a byte stream: bytes of total, and its rate', () => {
    const m = meter({
      label: 'load web:1.5 → lab-1',
      unit: 'bytes',
      done: 12_000_000,
      total: 48_000_000,
      detail: undefined,
      at: T0 + 4_000,
    });
    expect(meterLine(m, T0 + 4_000, 120)).toMatch(
      /^load web:1\.5 → lab-1 \[█+.?░+\] 12 MB of 48 MB · ~0:12 left · 0:04 elapsed · 3 MB\/s$/,
    );
    // Unknown total (the daemon did not say): no bar, what was done and the rate.
    expect(meterLine({ ...m, total: undefined }, T0 + 4_000, 120)).toBe(
      'load web:1.5 → lab-1 12 MB · 0:04 elapsed · 3 MB/s',
    );
  });

  it('fits any width: words go from the end, then the label is cut; the bar stays', () => {
    const m = meter({ label: '日本語のロール web' });
    for (const width of [100, 70, 50, 40, 32, 28, 24, 20]) {
      const line = meterLine(m, T0 + 42_000, width);
      expect(displayWidth(line), `width ${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(line).toContain('2/5 replicas');
      expect(line).toMatch(/\[[█▏▎▍▌▋▊▉░]+\]/);
    }
    expect(meterLine(m, T0 + 42_000, 50)).not.toContain('batch');
  });

  it('elapsed moves on between readings (now), and a finished meter shows no estimate', () => {
    expect(meterLine(meter(), T0 + 60_000, 100)).toContain('1:00 elapsed');
    const done = meter({ done: 5 });
    expect(meterComplete(done)).toBe(true);
    expect(meterComplete(meter({ total: undefined }))).toBe(false);
    expect(meterLine(done, T0 + 42_000, 100)).not.toContain('left');
  });
});
