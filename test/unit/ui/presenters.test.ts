import { describe, expect, it } from 'vitest';
import { collectAlerts } from '../../../src/ui/presenters/alerts.js';
import { presentContainers } from '../../../src/ui/views/containers/present.js';
import { presentDetails } from '../../../src/ui/views/details/present.js';
import { compileFilter } from '../../../src/ui/presenters/filter.js';
import { fit, formatBytes, uptimeFromStatus } from '../../../src/ui/presenters/format.js';
import { presentRoles } from '../../../src/ui/views/roles/present.js';
import { isSecretKey, maskEnvEntry } from '../../../src/domain/secrets/mask.js';
import { sparkline } from '../../../src/ui/presenters/sparkline.js';
import { layoutColumns, scrollOffset } from '../../../src/ui/components/columns.js';
import { container, details, event, host, T0 } from './support.js';

describe('format', () => {
  it('formats uptime from Docker status text', () => {
    expect(uptimeFromStatus('Up 3 minutes (healthy)')).toBe('3m');
    expect(uptimeFromStatus('Up About an hour')).toBe('~1h');
    expect(uptimeFromStatus('Up Less than a second')).toBe('<1s');
    expect(uptimeFromStatus('Exited (0) 2 hours ago')).toBe('-');
  });
  it('formats bytes and fits text', () => {
    expect(formatBytes(1536)).toBe('1.5kB');
    expect(formatBytes(300 * 1000 * 1000)).toBe('300MB');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4, 'right')).toBe('  ab');
  });
});

describe('filter', () => {
  it('compiles a case-insensitive regex and survives invalid ones', () => {
    expect(compileFilter('^WEB').test('web-1')).toBe(true);
    const bad = compileFilter('web[');
    expect(bad.error).toBeDefined();
    expect(bad.test('a web[ b')).toBe(true);
    expect(bad.test('web')).toBe(false);
  });
});

describe('roles', () => {
  it('reports drift by image ID and revision among running replicas only', () => {
    const rows = presentRoles([
      container('a', 'web-1', { labels: { 'org.opencontainers.image.revision': 'aaaaaaa1' } }),
      container('b', 'web-2', { labels: { 'org.opencontainers.image.revision': 'bbbbbbb2' } }),
      container('a', 'api-1', {}),
      container('b', 'api-2', { imageId: 'sha256:old', state: 'exited', health: 'none' }),
    ]);
    expect(rows.find((r) => r.role === 'web')?.drift).toBe('drift: revisions aaaaaaa,bbbbbbb');
    expect(rows.find((r) => r.role === 'api')?.drift).toBeUndefined();
    expect(rows.find((r) => r.role === 'api')).toMatchObject({ running: 1, total: 2, hosts: ['a', 'b'] });
  });
});

describe('containers', () => {
  it('scopes by host, role and state and counts restarts from die events', () => {
    const cs = [
      container('a', 'web-1'),
      container('b', 'web-2'),
      container('b', 'db-1', { state: 'exited', health: 'none' }),
    ];
    const events = [event('b', 'die', 'web-2'), event('b', 'die', 'web-2')];
    const rows = presentContainers({ containers: cs, usage: new Map(), events, scope: { host: 'b' } });
    expect(rows.map((r) => r.name)).toEqual(['web-2', 'db-1']);
    expect(rows[0]?.restarts).toBe(2);
    expect(
      presentContainers({ containers: cs, usage: new Map(), events, scope: { state: 'exited' } }),
    ).toHaveLength(1);
  });
});

describe('details', () => {
  it('masks secret-looking labels and env values', () => {
    const d = details(
      container('a', 'db-1', { labels: { 'db.password': 'x', 'api-token': 'y', team: 'ops' } }),
    );
    const lines = presentDetails(d, T0).flatMap((s) => s.lines);
    expect(lines).toContainEqual(['db.password', '••••••']);
    expect(lines).toContainEqual(['api-token', '••••••']);
    expect(lines).toContainEqual(['team', 'ops']);
    expect(lines).toContainEqual(['', 'DB_PASSWORD=••••••']);
    expect(isSecretKey('org.opencontainers.image.authors')).toBe(false);
    expect(maskEnvEntry('AWS_SECRET_ACCESS_KEY=abc')).toBe('AWS_SECRET_ACCESS_KEY=••••••');
  });
});

describe('alerts', () => {
  it('collects unreachable hosts, roles short of replicas, restart loops, unhealthy and SIGKILL, crit first', () => {
    const alerts = collectAlerts({
      hosts: [host('a'), host('b', { state: 'unreachable', since: T0 - 60_000 })],
      containers: [
        container('a', 'web-1', { health: 'unhealthy' }),
        container('a', 'job-1', { state: 'exited', exitCode: 137, health: 'none' }),
        container('a', 'loop-1', { state: 'restarting' }),
      ],
      events: [],
      now: T0,
    });
    expect(alerts.map((a) => a.text)).toEqual([
      'b unreachable for 1m',
      'role job: 0/1 replicas running',
      'role loop: 0/1 replicas running',
      'a/web-1: unhealthy',
      'a/loop-1: restart-looping (0 exits recently)',
      'a/job-1: killed by SIGKILL (137) — a kill, a stop timeout or OOM',
    ]);
  });

  it('finds a restart loop on a running container from its deaths alone, and nothing on quiet ones', () => {
    const web = container('a', 'web-1');
    const die = (time: number) => ({
      time,
      host: 'a',
      type: 'container' as const,
      action: 'die',
      actorId: web.id,
      attributes: { name: 'web-1', exitCode: '0' },
    });
    const alerts = collectAlerts({
      hosts: [host('a'), host('b')],
      containers: [web, container('b', 'web-1'), container('a', 'web-2')],
      events: [die(T0 - 3_000), die(T0 - 2_000), die(T0 - 1_000)],
      now: T0,
    });
    expect(alerts.map((a) => a.text)).toEqual(['a/web-1: restart-looping (3 exits recently)']);
  });
});

describe('layout', () => {
  it('drops low-priority columns when narrow and keeps the selection on screen', () => {
    const cols = [
      { id: 'a', title: 'A', min: 10, priority: 9, value: () => '' },
      { id: 'b', title: 'B', min: 10, priority: 1, value: () => '' },
    ];
    expect(layoutColumns(cols, 40)).toEqual([10, 10]);
    expect(layoutColumns(cols, 15)).toEqual([10, 0]);
    expect(scrollOffset(0, 30, 10, 100)).toBe(21);
    expect(scrollOffset(25, 22, 10, 100)).toBe(22);
  });
  it('draws sparklines', () => {
    expect(sparkline([0, 5, 10], 3)).toBe('▁▅█');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▆█');
  });
});
