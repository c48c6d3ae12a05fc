import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapContainer } from '../../../src/docker/map-container.js';
import { mapEvent } from '../../../src/docker/map-stats.js';
import type { RawContainer, RawEvent } from '../../../src/docker/api-types.js';
import type { Container } from '../../../src/domain/container.js';
import { applyEvent, applyEvents, type ApplyResult } from '../../../src/fleet/events/apply-event.js';
import { toContainerEvent, type ContainerEvent } from '../../../src/fleet/events/container-event.js';
import { humanDuration } from '../../../src/fleet/events/docker-status.js';
import { DESTROYED_KEPT, fromList, type HostContainers } from '../../../src/fleet/events/host-containers.js';

const HOST = 'web-a';
const T0 = 1_700_000_000_000; // epoch ms

function container(name: string, over: Partial<Container> = {}): Container {
  return {
    host: HOST,
    id: `id-${name}`,
    name,
    role: name.replace(/-\d+$/, ''),
    image: 'tiny:latest',
    imageId: 'sha256:1',
    command: 'sh',
    created: T0 / 1000 - 7200,
    state: 'running',
    status: 'Up 3 hours',
    health: 'none',
    labels: {},
    ports: [],
    ...over,
  };
}

/** An event `ms` after T0 (timeNano in ns), about container `name`. */
function ev(
  action: string,
  name: string,
  ms = 0,
  attributes: Record<string, string> = {},
  type = 'container',
): ContainerEvent {
  return {
    timeNano: BigInt(T0 + ms) * 1_000_000n,
    time: T0 + ms,
    type,
    action,
    actorId: `id-${name}`,
    attributes: { name, ...attributes },
  };
}

const state = (...cs: Container[]): HostContainers => fromList(cs);
const find = (r: ApplyResult, name: string) => r.state.containers.find((c) => c.id === `id-${name}`);

function applied(r: ApplyResult): HostContainers {
  expect(r.kind, JSON.stringify({ kind: r.kind, reason: 'reason' in r ? r.reason : undefined })).toBe(
    'applied',
  );
  return r.state;
}

describe('applying one container event to the list', () => {
  it('start: running, "Up Less than a second", no exit code; a health-checked one starts "health: starting"', () => {
    const s = state(container('web-1', { state: 'exited', status: 'Exited (1) 2 hours ago', exitCode: 1 }));
    const r = applyEvent(s, ev('start', 'web-1'));
    expect(find(r, 'web-1')).toMatchObject({
      state: 'running',
      status: 'Up Less than a second',
      health: 'none',
    });
    expect(find(r, 'web-1')).not.toHaveProperty('exitCode');

    const checked = state(container('db-1', { health: 'healthy', status: 'Up 3 hours (healthy)' }));
    const stopped = applied(applyEvent(checked, ev('die', 'db-1', 1, { exitCode: '0' })));
    const started = applyEvent(stopped, ev('start', 'db-1', 2));
    expect(find(started, 'db-1')).toMatchObject({
      health: 'starting',
      status: 'Up Less than a second (health: starting)',
    });
  });

  it('die: exited with the exit code, the status as dockerd words it at `now`', () => {
    const s = state(container('web-1', { health: 'healthy', status: 'Up 3 hours (healthy)' }));
    const r = applyEvent(s, ev('die', 'web-1', 0, { exitCode: '137' }));
    expect(find(r, 'web-1')).toMatchObject({
      state: 'exited',
      exitCode: 137,
      health: 'none',
      status: 'Exited (137) Less than a second ago',
    });
    const later = applyEvent(s, ev('die', 'web-1', 0, { exitCode: '0' }), { now: T0 + 125_000 });
    expect(find(later, 'web-1')?.status).toBe('Exited (0) 2 minutes ago');
  });

  it('die without an exit code asks for a re-list instead of guessing', () => {
    const r = applyEvent(state(container('web-1')), ev('die', 'web-1'));
    expect(r).toMatchObject({ kind: 'relist', reason: 'incomplete' });
  });

  it('stop after its die changes nothing; a stop of a running container means the die went missing', () => {
    const s = applied(applyEvent(state(container('web-1')), ev('die', 'web-1', 0, { exitCode: '0' })));
    expect(applyEvent(s, ev('stop', 'web-1', 1))).toMatchObject({ kind: 'ignored', reason: 'no-change' });
    expect(applyEvent(state(container('web-1')), ev('stop', 'web-1'))).toMatchObject({
      kind: 'relist',
      reason: 'incomplete',
    });
  });

  it('kill, oom and update change nothing listed; exec_* and attach are noise', () => {
    const s = state(container('web-1'));
    for (const a of ['kill', 'oom', 'update'])
      expect(applyEvent(s, ev(a, 'web-1', 0, { signal: '15' }))).toMatchObject({
        kind: 'ignored',
        reason: 'no-change',
        state: s,
      });
    for (const a of [
      'exec_create: /bin/sh -c test -f /tmp/ok',
      'exec_start: /bin/sh -c true',
      'exec_die',
      'attach',
      'resize',
    ])
      expect(applyEvent(s, ev(a, 'web-1'))).toMatchObject({ kind: 'ignored', reason: 'noise' });
  });

  it('pause keeps the uptime and says Paused; unpause gives it back with its health', () => {
    const s = state(container('web-1', { health: 'healthy', status: 'Up 3 hours (healthy)' }));
    const paused = applied(applyEvent(s, ev('pause', 'web-1')));
    expect(paused.containers[0]).toMatchObject({ state: 'paused', status: 'Up 3 hours (Paused)' });
    const back = applied(applyEvent(paused, ev('unpause', 'web-1', 1)));
    expect(back.containers[0]).toMatchObject({
      state: 'running',
      status: 'Up 3 hours (healthy)',
      health: 'healthy',
    });
  });

  it('health_status sets the health and the status suffix; on a stopped container it changes nothing', () => {
    const s = state(container('web-1', { health: 'healthy', status: 'Up 3 hours (healthy)' }));
    const sick = applied(applyEvent(s, ev('health_status: unhealthy', 'web-1')));
    expect(sick.containers[0]).toMatchObject({ health: 'unhealthy', status: 'Up 3 hours (unhealthy)' });
    const exited = state(container('cron', { state: 'exited', status: 'Exited (0) 1 hour ago' }));
    expect(applyEvent(exited, ev('health_status: healthy', 'cron'))).toMatchObject({
      kind: 'ignored',
      reason: 'no-change',
    });
    expect(applyEvent(s, ev('health_status', 'web-1'))).toMatchObject({
      kind: 'relist',
      reason: 'incomplete',
    });
  });

  it('a container that turned healthy once starts "health: starting" after a re-list showed it exited', () => {
    const s = applied(applyEvent(state(container('app-1')), ev('health_status: healthy', 'app-1')));
    const relisted = fromList(
      [container('app-1', { state: 'exited', status: 'Exited (0) 1 second ago' })],
      s,
    );
    expect(find(applyEvent(relisted, ev('start', 'app-1', 5)), 'app-1')?.health).toBe('starting');
  });

  it('rename changes the name, and the role when the role came from the name', () => {
    const s = state(
      container('cron'),
      container('web-1', { labels: { role: 'frontend' }, role: 'frontend' }),
    );
    const r = applied(applyEvent(s, ev('rename', 'cron', 0, { name: 'cron-renamed', oldName: '/cron' })));
    expect(r.containers.find((c) => c.id === 'id-cron')).toMatchObject({
      name: 'cron-renamed',
      role: 'cron-renamed',
    });
    const labelled = applied(applyEvent(s, { ...ev('rename', 'web-1', 0, { name: 'web-9' }) }));
    expect(labelled.containers.find((c) => c.id === 'id-web-1')).toMatchObject({
      name: 'web-9',
      role: 'frontend',
    });
    const byLabel = applied(applyEvent(s, ev('rename', 'cron', 0, { name: 'x' }), { roleLabel: 'tier' }));
    expect(byLabel.containers.find((c) => c.id === 'id-cron')?.role).toBe('x');
  });

  it('destroy removes the container; later events about it are dropped, not re-listed', () => {
    const s = state(
      container('web-1'),
      container('tmp-1', { state: 'exited', status: 'Exited (2) 1 second ago' }),
    );
    const gone = applied(applyEvent(s, ev('destroy', 'tmp-1')));
    expect(gone.containers.map((c) => c.name)).toEqual(['web-1']);
    expect(applyEvent(gone, ev('die', 'tmp-1', -5, { exitCode: '2' }))).toMatchObject({
      kind: 'ignored',
      reason: 'destroyed',
    });
    // A destroy of a container never listed (created and removed between two lists) is remembered too.
    const quick = applyEvent(gone, ev('destroy', 'blink-1', 3));
    expect(quick).toMatchObject({ kind: 'ignored', reason: 'no-change' });
    expect(applyEvent(quick.state, ev('start', 'blink-1', 1))).toMatchObject({
      kind: 'ignored',
      reason: 'destroyed',
    });
  });

  it('keeps only the newest destroyed ids', () => {
    let s = state();
    for (let i = 0; i <= DESTROYED_KEPT; i++) s = applyEvent(s, ev('destroy', `c${i}`, i)).state;
    expect(s.destroyed.size).toBe(DESTROYED_KEPT);
    expect(s.destroyed.has('id-c0')).toBe(false);
    expect(s.destroyed.has(`id-c${DESTROYED_KEPT}`)).toBe(true);
  });

  it('create asks for a re-list (the list entry needs image ID, command, ports); one already listed changes nothing', () => {
    const s = state(container('web-1'));
    expect(applyEvent(s, ev('create', 'web-2', 0, { image: 'tiny:latest' }))).toMatchObject({
      kind: 'relist',
      reason: 'create',
    });
    expect(applyEvent(s, ev('create', 'web-1'))).toMatchObject({ kind: 'ignored', reason: 'no-change' });
  });

  it('restart after its start changes nothing; a restart whose start went missing starts it', () => {
    expect(applyEvent(state(container('web-1')), ev('restart', 'web-1'))).toMatchObject({
      kind: 'ignored',
      reason: 'no-change',
    });
    const exited = state(
      container('web-1', { state: 'exited', status: 'Exited (0) 1 second ago', exitCode: 0 }),
    );
    expect(find(applyEvent(exited, ev('restart', 'web-1')), 'web-1')).toMatchObject({ state: 'running' });
  });

  it('a state change of a container the list lacks, or an action it does not know, asks for a re-list', () => {
    const s = state(container('web-1'));
    expect(applyEvent(s, ev('start', 'new-1'))).toMatchObject({
      kind: 'relist',
      reason: 'unknown-container',
    });
    expect(applyEvent(s, ev('checkpoint', 'web-1'))).toMatchObject({
      kind: 'relist',
      reason: 'unknown-action',
    });
  });

  it('image changes and a daemon reload re-list; volume and network events are not part of the list', () => {
    const s = state(container('web-1'));
    expect(applyEvent(s, ev('untag', 'sha256:e7', 0, {}, 'image'))).toMatchObject({
      kind: 'relist',
      reason: 'image',
    });
    expect(applyEvent(s, ev('reload', 'daemon', 0, {}, 'daemon'))).toMatchObject({
      kind: 'relist',
      reason: 'daemon-reload',
    });
    expect(applyEvent(s, ev('create', 'vol', 0, {}, 'volume'))).toMatchObject({
      kind: 'ignored',
      reason: 'not-shown',
    });
    expect(applyEvent(s, ev('connect', 'none', 0, {}, 'network'))).toMatchObject({
      kind: 'ignored',
      reason: 'not-shown',
    });
  });
});

describe('events out of order, twice, and after a reconnect', () => {
  it('an event older than what was applied to that container is stale', () => {
    const s = applied(
      applyEvent(
        state(container('web-1', { state: 'exited', status: 'Exited (0) 1 minute ago' })),
        ev('start', 'web-1', 6),
      ),
    );
    expect(applyEvent(s, ev('die', 'web-1', 5, { exitCode: '0' }))).toMatchObject({
      kind: 'ignored',
      reason: 'stale',
    });
    expect(s.containers[0]?.state).toBe('running');
  });

  it('orders name, state and health apart: an older rename still renames, a newer health survives a start', () => {
    const s = applied(
      applyEvent(
        state(container('web-1', { state: 'exited', status: 'Exited (0) 1 hour ago' })),
        ev('start', 'web-1', 6),
      ),
    );
    expect(applied(applyEvent(s, ev('rename', 'web-1', 4, { name: 'web-7' }))).containers[0]?.name).toBe(
      'web-7',
    );

    // A restart's start (t=6) arrives after the health event that followed it (t=7): the state
    // changes, the newer health stays, and the status says so.
    const db = state(container('db-1', { health: 'healthy', status: 'Up 1 hour (healthy)' }));
    const sickFirst = applied(applyEvent(db, ev('health_status: unhealthy', 'db-1', 7)));
    const started = applied(applyEvent(sickFirst, ev('start', 'db-1', 6)));
    expect(started.containers[0]).toMatchObject({
      state: 'running',
      health: 'unhealthy',
      status: 'Up Less than a second (unhealthy)',
    });
  });

  it('the same event twice is a duplicate; another action at the same instant is not', () => {
    const s = applied(applyEvent(state(container('web-1')), ev('die', 'web-1', 3, { exitCode: '0' })));
    expect(applyEvent(s, ev('die', 'web-1', 3, { exitCode: '0' }))).toMatchObject({
      kind: 'ignored',
      reason: 'duplicate',
    });
    expect(applied(applyEvent(s, ev('start', 'web-1', 3))).containers[0]?.state).toBe('running');
  });

  it('after a reconnect: the re-list is the truth, and the since replay applies only what is new', () => {
    const before = [
      ev('die', 'web-1', 1, { exitCode: '0' }),
      ev('start', 'web-1', 2),
      ev('destroy', 'tmp-1', 3),
    ];
    const s0 = state(
      container('web-1'),
      container('web-2'),
      container('tmp-1', { state: 'exited', status: 'Exited (0) 1 hour ago' }),
    );
    const s1 = applyEvents(s0, before).state;
    // Disconnected; meanwhile web-2 died (t=5). The re-list shows it; the replay from `since` = t0
    // brings back everything, old and new, plus what happened after the list (web-1 died at t=6).
    const relisted = fromList(
      [
        container('web-1', { status: 'Up 4 seconds' }),
        container('web-2', { state: 'exited', status: 'Exited (1) 2 seconds ago', exitCode: 1 }),
      ],
      s1,
    );
    const replay = [
      ...before,
      ev('die', 'web-2', 5, { exitCode: '1' }),
      ev('die', 'web-1', 6, { exitCode: '0' }),
    ];
    const outcomes = replay.map((e) => applyEvent(relisted, e).kind);
    expect(outcomes.slice(0, 3)).toEqual(['ignored', 'ignored', 'ignored']); // duplicate, duplicate, destroyed
    const r = applyEvents(relisted, replay);
    expect(r.relist).toEqual([]);
    expect(r.state.containers.map((c) => [c.name, c.state, c.exitCode])).toEqual([
      ['web-1', 'exited', 0],
      ['web-2', 'exited', 1],
    ]);
  });

  it('applyEvents takes a burst in timeNano order and collects every reason to re-list', () => {
    const s = state(container('web-1', { state: 'exited', status: 'Exited (0) 1 hour ago' }));
    const r = applyEvents(s, [
      ev('die', 'web-1', 9, { exitCode: '3' }),
      ev('create', 'web-9', 7),
      ev('start', 'web-1', 8),
    ]);
    expect(r.changed).toBe(true);
    expect(r.state.containers[0]).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(r.relist).toEqual([{ reason: 'create', detail: 'new container web-9' }]);
  });

  it('reads timeNano with every digit when the transport keeps them, else the ms time', () => {
    const fleetEvent = {
      host: HOST,
      time: T0,
      type: 'container',
      action: 'start',
      actorId: 'x',
      attributes: {},
    };
    expect(toContainerEvent(fleetEvent, '1700000000000123456').timeNano).toBe(1_700_000_000_000_123_456n);
    expect(toContainerEvent(fleetEvent).timeNano).toBe(BigInt(T0) * 1_000_000n);
    expect(toContainerEvent(fleetEvent, 'garbage').timeNano).toBe(BigInt(T0) * 1_000_000n);
  });
});

describe('the recorded lab dockerd', () => {
  const dir = new URL('../../fixtures/docker-api/', import.meta.url);
  const list = JSON.parse(readFileSync(new URL('containers.json', dir), 'utf8')) as RawContainer[];
  const events = JSON.parse(readFileSync(new URL('events.json', dir), 'utf8')) as {
    filtered: Array<{ message: RawEvent & { timeNano: number } }>;
    unfiltered: Array<{ message: RawEvent & { timeNano: number } }>;
  };

  it('its event stream, applied to its container list, ends where the steps left the containers', () => {
    const start = fromList(list.map((c) => mapContainer('lab-0', c)));
    const stream = events.unfiltered.map((x) =>
      toContainerEvent(mapEvent('lab-0', x.message), x.message.timeNano),
    );
    const r = applyEvents(start, stream);
    const byName = new Map(r.state.containers.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([
      'cron',
      'failed',
      'healthy',
      'sigignore',
      'siglog',
      'web-1',
      'web-2',
      'worker-1',
    ]);
    expect(byName.get('web-2')).toMatchObject({ state: 'running', status: 'Up Less than a second' });
    expect(byName.get('sigignore')).toMatchObject({ state: 'running' });
    expect(byName.get('siglog')).toMatchObject({ state: 'running' });
    expect(byName.get('healthy')).toMatchObject({ health: 'healthy', status: 'Up About a minute (healthy)' });
    expect(byName.get('failed')).toMatchObject({ state: 'exited', exitCode: 3 });
    // scratch-1 was created (a re-list) and destroyed; the image was tagged and untagged (re-lists).
    expect(r.relist.map((x) => x.reason)).toEqual([
      'create',
      'unknown-container',
      'unknown-container',
      'image',
      'image',
    ]);
    // The filtered stream leads to the same list.
    const filtered = applyEvents(
      start,
      events.filtered.map((x) => toContainerEvent(mapEvent('lab-0', x.message), x.message.timeNano)),
    );
    expect(filtered.state.containers).toEqual(r.state.containers);
  });

  it('words durations as go-units does', () => {
    expect(
      [
        0,
        999,
        1000,
        59_000,
        60_000,
        119_000,
        3_599_000,
        3_600_000,
        5_400_000,
        47 * 3_600_000,
        3 * 86_400_000,
        20 * 86_400_000,
        90 * 86_400_000,
        800 * 86_400_000,
      ].map(humanDuration),
    ).toEqual([
      'Less than a second',
      'Less than a second',
      '1 second',
      '59 seconds',
      'About a minute',
      'About a minute',
      '59 minutes',
      'About an hour',
      '2 hours',
      '47 hours',
      '3 days',
      '2 weeks',
      '3 months',
      '2 years',
    ]);
  });
});
