import { describe, expect, it } from 'vitest';
import { collectAlerts, orderAlerts, type AlertItem } from '../../../src/ui/presenters/alerts.js';
import { exitedAgoMs } from '../../../src/ui/presenters/alert-sources.js';
import { fleetAlerts } from '../../../src/ui/presenters/fleet-alerts.js';
import { container, event, FakeFleet, host, T0 } from './support.js';

const exited = (h: string, name: string, code: number) =>
  container(h, name, {
    state: 'exited',
    status: `Exited (${code}) 2 hours ago`,
    health: 'none',
    exitCode: code,
    role: 'batch',
  });

describe('alerts', () => {
  it('lists every container that exited non-zero — 8 exits with 3 are 8 alerts, not "no alerts"', () => {
    const containers = Array.from({ length: 8 }, (_, i) => exited(`h${i}`, 'job-1', 3));
    const alerts = collectAlerts({
      hosts: containers.map((c) => host(c.host)),
      containers,
      events: [],
      now: T0,
    });
    const exits = alerts.filter((a) => a.kind === 'exit');
    expect(exits.map((a) => a.text)).toEqual(
      containers.map((c) => `${c.host}/job-1: exited with 3 · 2h ago`),
    );
    expect(exits.every((a) => a.since === T0 - 2 * 3_600_000)).toBe(true);
    expect(exits.every((a) => a.severity === 'crit')).toBe(true);
    expect(alerts.find((a) => a.kind === 'replicas')?.text).toBe('role batch: 0/8 replicas running');
  });

  it('takes exits, OOM kills and restart loops from the event detectors, with their age', () => {
    const ev = (action: string, name: string, ago: number, attributes: Record<string, string> = {}) =>
      event('a', action, name, { time: T0 - ago, attributes: { name, ...attributes } });
    const events = [
      // newest first, as the store keeps them
      ev('die', 'mem-1', 2_000, { exitCode: '137' }),
      ev('oom', 'mem-1', 2_500),
      ...[0, 1, 2].flatMap((i) => [
        ev('start', 'loop-1', 10_000 + i * 1000),
        ev('die', 'loop-1', 10_500 + i * 1000, { exitCode: '1' }),
      ]),
      ev('die', 'job-1', 60_000, { exitCode: '3' }),
    ];
    const alerts = collectAlerts({
      hosts: [host('a')],
      containers: [
        container('a', 'mem-1', { state: 'exited', exitCode: 137, health: 'none' }),
        container('a', 'loop-1'),
        container('a', 'job-1', { state: 'exited', exitCode: 3, health: 'none' }),
      ],
      events,
      now: T0,
    });
    const byKind = (kind: string) => alerts.filter((a) => a.kind === kind).map((a) => a.text);
    expect(byKind('oom')).toEqual(['a/mem-1: OOM killed — the memory limit was reached · 2s ago']);
    expect(byKind('restart-loop')).toEqual(['a/loop-1: restart loop — 3 restarts in 10 min · 10s ago']);
    // One alert per exit: the event's (with its age) wins over the container state's.
    expect(byKind('exit')).toContain('a/job-1: exited with 3 · 1m ago');
    expect(byKind('exit').filter((t) => t.startsWith('a/job-1'))).toHaveLength(1);
    // The OOM kill is not also listed as a plain SIGKILL exit.
    expect(byKind('exit').some((t) => t.startsWith('a/mem-1'))).toBe(false);
  });

  it('says "N/M hosts unreachable" first when several hosts are down, then each host', () => {
    const hosts = Array.from({ length: 8 }, (_, i) =>
      host(`h${i}`, { state: 'unreachable', since: T0 - 60_000 - i * 1000 }),
    );
    const alerts = collectAlerts({ hosts, containers: [], events: [], now: T0 });
    expect(alerts[0]).toMatchObject({ kind: 'hosts-down', severity: 'crit', text: '8/8 hosts unreachable' });
    expect(alerts.filter((a) => a.kind === 'host')).toHaveLength(8);
    const one = collectAlerts({ hosts: [host('a'), hosts[0]!], containers: [], events: [], now: T0 });
    expect(one.some((a) => a.kind === 'hosts-down')).toBe(false);
  });

  it('orders by severity, then newest first, then those of unknown age', () => {
    const a = (key: string, severity: 'warn' | 'crit', since?: number): AlertItem => ({
      key,
      severity,
      kind: 'external',
      text: key,
      ...(since !== undefined ? { since } : {}),
    });
    const ordered = orderAlerts([
      a('warn-new', 'warn', T0),
      a('crit-unknown', 'crit'),
      a('crit-old', 'crit', T0 - 60_000),
      a('crit-new', 'crit', T0 - 1000),
      { ...a('down', 'crit', T0 - 3_600_000), kind: 'hosts-down' },
    ]);
    expect(ordered.map((x) => x.key)).toEqual(['down', 'crit-new', 'crit-old', 'crit-unknown', 'warn-new']);
  });

  it('lists roles short of replicas, revision drift, unhealthy containers and storage findings', () => {
    const fleet = new FakeFleet({
      hosts: [host('a'), host('b')],
      containers: [
        container('a', 'web-1', { labels: { 'org.opencontainers.image.revision': 'aaaaaaa1' } }),
        container('b', 'web-2', { labels: { 'org.opencontainers.image.revision': 'bbbbbbb2' } }),
        container('b', 'web-3', { state: 'exited', exitCode: 0, health: 'none' }),
        container('a', 'api-1', { health: 'unhealthy' }),
      ],
      storage: new Map([
        [
          'a',
          {
            host: 'a',
            driver: 'devicemapper',
            verdict: 'crit',
            findings: [{ level: 'crit', code: 'x', message: 'a: thin pool 95% full' }],
            unread: [],
            checkedAt: T0,
          } as never,
        ],
      ]),
    });
    const texts = fleetAlerts(fleet.getSnapshot(), T0).map((a) => `${a.severity} ${a.kind} ${a.text}`);
    expect(texts).toContain('warn replicas role web: 2/3 replicas running');
    expect(texts).toContain('warn drift role web: drift: revisions aaaaaaa,bbbbbbb');
    expect(texts).toContain('crit unhealthy a/api-1: unhealthy');
    expect(texts).toContain('crit storage a: thin pool 95% full');
    // Exit 0 is no alert.
    expect(texts.some((t) => t.includes('web-3:'))).toBe(false);
  });

  it('reads how long ago a container exited from its status text', () => {
    expect(exitedAgoMs('Exited (3) 5 minutes ago')).toBe(300_000);
    expect(exitedAgoMs('Exited (137) About an hour ago')).toBe(3_600_000);
    expect(exitedAgoMs('Exited (0) Less than a second ago')).toBe(0);
    expect(exitedAgoMs('Exited (1) 2 weeks ago')).toBe(14 * 86_400_000);
    expect(exitedAgoMs('Up 2 hours')).toBeUndefined();
    expect(exitedAgoMs('Exited (1) a while ago')).toBeUndefined();
  });

  it('masks credentials in every alert text', () => {
    const alerts = collectAlerts({
      hosts: [
        host('a', {
          state: 'degraded',
          problem: { code: 'docker-error', message: 'postgres://u:s3cret@db refused' },
        }),
      ],
      containers: [],
      events: [],
      now: T0,
    });
    expect(alerts[0]?.text).toContain('postgres://u:•••@db');
    expect(alerts.map((a) => a.text).join()).not.toContain('s3cret');
  });
});
