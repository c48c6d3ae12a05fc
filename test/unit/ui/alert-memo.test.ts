import { describe, expect, it } from 'vitest';
import { collectAlerts } from '../../../src/ui/presenters/alerts.js';
import { createAlertMemo, maskedText, MASKED_MEMO_LIMIT } from '../../../src/ui/presenters/alert-memo.js';
import { presentRoles } from '../../../src/ui/views/roles/present.js';
import { container, event, host, T0 } from './support.js';

const exited = (h: string, name: string, code: number) =>
  container(h, name, {
    state: 'exited',
    status: `Exited (${code}) 2 hours ago`,
    health: 'none',
    exitCode: code,
  });

describe('alert memo (the dashboard re-rendering with mostly unchanged containers)', () => {
  it('gives the same alerts as without it, render after render, as containers and events change', () => {
    const memo = createAlertMemo();
    let containers = [exited('a', 'job-1', 3), container('a', 'web-1'), container('b', 'web-2')];
    const hosts = [host('a'), host('b')];
    const both = (events: ReturnType<typeof event>[], now: number) => {
      const fresh = collectAlerts({ hosts, containers, events, now });
      const memoised = collectAlerts({ hosts, containers, events, now, memo });
      expect(memoised).toEqual(fresh);
      return memoised;
    };
    expect(both([], T0).map((a) => a.kind)).toContain('exit');
    // One container replaced (an event applied): its alert follows, the others' are reused.
    containers = [containers[0]!, container('a', 'web-1', { health: 'unhealthy' }), containers[2]!];
    expect(both([], T0).map((a) => a.text)).toContain('a/web-1: unhealthy');
    // An OOM event for the exited container: the detector's alert replaces the state's exit alert.
    const oom = [
      event('a', 'die', 'job-1', { time: T0 - 1000, attributes: { name: 'job-1', exitCode: '137' } }),
      event('a', 'oom', 'job-1', { time: T0 - 1500, attributes: { name: 'job-1' } }),
    ];
    containers = [exited('a', 'job-1', 137), containers[1]!, containers[2]!];
    expect(both(oom, T0).some((a) => a.kind === 'oom')).toBe(true);
    // Deaths counted from events change a reused container's alert (restart loop).
    const deaths = [0, 1, 2].map((i) =>
      event('b', 'die', 'web-2', {
        time: T0 - 10_000 - i * 1000,
        attributes: { name: 'web-2', exitCode: '1' },
      }),
    );
    expect(both(deaths, T0 + 10_000).some((a) => a.key === 'restart-loop/b/web-2')).toBe(true);
    // The clock moved on: ages and `since` follow it.
    const later = both([], T0 + 60_000).find((a) => a.kind === 'exit');
    expect(later?.since).toBe(T0 + 60_000 - 2 * 3_600_000);
  });

  it('presents a role again only when one of its replicas changed', () => {
    const memo = createAlertMemo();
    const web = [container('a', 'web-1', { role: 'web' }), container('b', 'web-2', { role: 'web' })];
    const db = [container('a', 'db-1', { role: 'db' })];
    const first = presentRoles([...web, ...db], undefined, undefined, memo);
    const again = presentRoles([...web, ...db], undefined, undefined, memo);
    expect(again).toEqual(first);
    expect(memo.roles.get('web')?.row).toBe(memo.roles.get('web')?.row);
    const webRowBefore = memo.roles.get('web')?.row;
    const dbRowBefore = memo.roles.get('db')?.row;
    const changed = [web[0]!, container('b', 'web-2', { role: 'web', state: 'exited', health: 'none' })];
    const rows = presentRoles([...changed, ...db], undefined, undefined, memo);
    expect(rows.find((r) => r.role === 'web')).toMatchObject({ running: 1, total: 2 });
    expect(rows).toEqual(presentRoles([...changed, ...db]));
    expect(memo.roles.get('web')?.row).not.toBe(webRowBefore);
    expect(memo.roles.get('db')?.row).toBe(dbRowBefore);
    // A role gone leaves the memo.
    presentRoles(changed, undefined, undefined, memo);
    expect(memo.roles.has('db')).toBe(false);
  });

  it('masks each distinct text once, and starts over past its limit', () => {
    const memo = createAlertMemo();
    let calls = 0;
    const mask = (t: string) => {
      calls++;
      return t.toUpperCase();
    };
    expect(maskedText(memo, 'a', mask)).toBe('A');
    expect(maskedText(memo, 'a', mask)).toBe('A');
    expect(calls).toBe(1);
    for (let i = 0; i < MASKED_MEMO_LIMIT; i++) maskedText(memo, `t${i}`, mask);
    expect(memo.masked.size).toBeLessThanOrEqual(MASKED_MEMO_LIMIT);
    expect(maskedText(undefined, 'b', mask)).toBe('B');
  });
});
