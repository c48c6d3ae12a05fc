import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/domain/text/width.js';
import { plainLength } from '../../../src/ui/views/info-line.js';
import { paintWallboard } from '../../../src/ui/views/wallboard/paint.js';
import { presentWallboard } from '../../../src/ui/views/wallboard/present.js';
import { paintTile } from '../../../src/ui/views/wallboard/tile-painter.js';
import type { Tile } from '../../../src/ui/views/wallboard/tiles.js';
import { sampleFleet, T0, theme } from './support.js';

const tile: Tile = {
  key: 'role/web',
  kind: 'role',
  title: 'a-very-long-role-name-indeed',
  status: 'degraded',
  tone: 'status.warn',
  headline: '2/3',
  headlineLabel: 'running',
  lines: [
    { kind: 'text', text: 'restarts 1h: 2', tone: 'status.warn' },
    { kind: 'trend', label: 'cpu', values: [0, 5, 10], now: '10.0%', tone: 'spark.cpu' },
  ],
  sampleKeys: [],
};

describe('tile painter', () => {
  it('draws a box of exactly the size asked, title cut to fit, status on the border', () => {
    const lines = paintTile(tile, 24, 5, theme('none'));
    expect(lines).toEqual([
      lines[0],
      '│ 2/3 running          │',
      '│ restarts 1h: 2       │',
      '│ cpu ▁▅█        10.0% │',
      '└──────────────────────┘',
    ]);
    expect(lines[0]).toMatch(/^┌─ a-very-… ─+ degraded ┐$/);
    for (const l of lines) expect(displayWidth(l)).toBe(24);
  });

  it('draws the headline in block digits when the tile is tall enough', () => {
    const lines = paintTile(tile, 30, 9, theme('none'));
    expect(lines[1]).toContain('╶─┐   ╱ ╶─┐');
    expect(lines[4]).toContain('running');
    for (const l of lines) expect(displayWidth(l)).toBe(30);
  });

  it('keeps every line of the screen within the width with colours on, at any size', () => {
    const model = presentWallboard(sampleFleet().getSnapshot(), T0);
    for (const [width, height] of [
      [60, 11],
      [80, 23],
      [133, 41],
      [200, 59],
    ] as const) {
      const frame = paintWallboard({ model, width, height, page: 0, theme: theme('ansi256') });
      expect(frame.lines).toHaveLength(height);
      for (const l of frame.lines) expect(plainLength(l)).toBeLessThanOrEqual(width);
      expect(frame.shown.length).toBeGreaterThan(0);
    }
  });
});
