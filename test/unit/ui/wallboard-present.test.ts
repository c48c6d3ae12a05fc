import { describe, expect, it } from 'vitest';
import { chooseGrid, MIN_TILE, paginate, splitEvenly } from '../../../src/ui/views/wallboard/grid.js';
import {
  freshnessOf,
  presentWallboard,
  STALE_AFTER_MS,
  tickerOf,
} from '../../../src/ui/views/wallboard/present.js';
import { restartsInLastHour } from '../../../src/ui/views/wallboard/tiles.js';
import { container, event, FakeFleet, host, T0, usage } from './support.js';

describe('wallboard grid', () => {
  it('splits a length into parts that add up to it exactly', () => {
    expect(splitEvenly(80, 3)).toEqual([27, 27, 26]);
    expect(splitEvenly(10, 4).reduce((a, b) => a + b)).toBe(10);
  });

  it('fills the whole area at any size, with the largest tiles that hold them all', () => {
    for (const [w, h, n] of [
      [80, 12, 5],
      [200, 45, 11],
      [120, 30, 3],
      [60, 5, 1],
    ] as const) {
      const grid = chooseGrid(n, w, h);
      expect(grid.widths.reduce((a, b) => a + b)).toBe(w);
      expect(grid.heights.reduce((a, b) => a + b)).toBe(h);
      expect(grid.perPage).toBeGreaterThanOrEqual(n);
      expect(Math.min(...grid.widths)).toBeGreaterThanOrEqual(Math.min(w, MIN_TILE.width));
    }
    // Three tiles on a wide screen sit side by side, not stacked.
    expect(chooseGrid(3, 120, 30)).toMatchObject({ columns: 3, rows: 1 });
  });

  it('pages when the tiles do not fit at their smallest', () => {
    const grid = chooseGrid(40, 80, 12);
    expect(grid).toMatchObject({ columns: 3, rows: 2, perPage: 6 });
    expect(
      paginate(
        Array.from({ length: 40 }, (_, i) => i),
        grid.perPage,
      ),
    ).toHaveLength(7);
    expect(paginate([], 6)).toEqual([[]]);
  });
});

describe('wallboard presenter', () => {
  function fleet() {
    return new FakeFleet({
      hosts: [
        host('a', { group: 'eu', lastSeenAt: T0 - 2000 }),
        host('b', { group: 'eu', lastSeenAt: T0 - 1000 }),
        host('c', { state: 'unreachable', since: T0 - 60_000 }),
      ],
      containers: [
        container('a', 'web-1'),
        container('b', 'web-2'),
        container('b', 'job-1', {
          state: 'exited',
          exitCode: 3,
          health: 'none',
          status: 'Exited (3) 1 hour ago',
        }),
      ],
      usage: new Map([['a/a-web-1-0123456789abcdef', usage(20, 100e6)]]),
      events: [
        event('a', 'start', 'web-1', { time: T0 - 5_000 }),
        event('a', 'die', 'web-1', { time: T0 - 6_000, attributes: { name: 'web-1', exitCode: '1' } }),
        // Over an hour ago: not counted.
        event('a', 'start', 'web-1', { time: T0 - 2 * 3_600_000 }),
        event('a', 'die', 'web-1', { time: T0 - 2 * 3_600_000 - 1 }),
      ],
    });
  }

  it('one tile per role and per host group, coloured by severity, with trends and restarts', () => {
    const model = presentWallboard(fleet().getSnapshot(), T0);
    expect(model.tiles.map((t) => `${t.title} ${t.status} ${t.headline} ${t.tone}`)).toEqual([
      'job down 0/1 status.crit',
      // A restart in the last hour turns a healthy role to a warning.
      'web ok 2/2 status.warn',
      'eu up 2/2 status.up',
      'c unreachable 0/0 status.unreachable',
    ]);
    const web = model.tiles[1]!;
    expect(web.lines).toContainEqual({ kind: 'text', text: 'restarts 1h: 1', tone: 'status.warn' });
    expect(web.lines.find((l) => l.kind === 'trend' && l.label === 'cpu')).toMatchObject({
      values: [1, 2, 20],
      now: '20.0%',
    });
    expect(web.sampleKeys).toEqual(['a/a-web-1-0123456789abcdef', 'b/b-web-2-0123456789abcdef']);
    expect(model.headlines.map((h) => `${h.label} ${h.value}`)).toEqual([
      'hosts up 2/3',
      'containers running 2/3',
      `alerts · ${model.alerts.filter((a) => a.severity === 'crit').length} critical ${model.alerts.length}`,
    ]);
    expect(model.alerts.map((a) => a.text)).toContain('b/job-1: exited with 3 · 1h ago');
  });

  it('counts a restart only when a start follows a die of the same container', () => {
    const counts = restartsInLastHour(
      [
        event('a', 'start', 'x', { time: T0 - 1000 }),
        event('a', 'die', 'x', { time: T0 - 2000 }),
        event('a', 'die', 'once', { time: T0 - 2000 }),
      ],
      T0,
    );
    expect([...counts]).toEqual([['a/a-x-0123456789abcdef', 1]]);
  });

  it('says how old the data is, and warns once no daemon answered for 30 s', () => {
    const hosts = [host('a', { lastSeenAt: T0 })];
    expect(freshnessOf(hosts, T0, T0 + 5_000)).toEqual({ text: 'updated 5s ago', stale: false });
    expect(freshnessOf(hosts, T0, T0 + STALE_AFTER_MS + 1_000)).toEqual({
      text: '⚠ stale: updated 31s ago',
      stale: true,
    });
    // Every host down and none ever answered: nothing to show is itself a warning.
    expect(freshnessOf([host('a', { state: 'unreachable' })], T0, T0)).toEqual({
      text: 'no host has answered',
      stale: true,
    });
  });

  it('the ticker shows the newest events first, without network chatter, secrets masked', () => {
    const ticker = tickerOf([
      event('a', 'die', 'web-1', { time: T0, attributes: { name: 'web-1', exitCode: '3' } }),
      event('a', 'connect', 'net', { type: 'network' }),
      event('a', 'exec_start: sh', 'web-1'),
      event('a', 'start', 'Bearer abcdefghijklmnop', { time: T0 - 1000 }),
    ]);
    expect(ticker).toHaveLength(2);
    expect(ticker[0]).toMatch(/^\d\d:\d\d:\d\d a web-1 die \(exit 3\)$/);
    expect(ticker[1]).toContain('Bearer •••');
  });
});
