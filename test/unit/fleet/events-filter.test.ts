import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_ACTIONS,
  EVENT_FILTERS,
  eventFiltersParam,
} from '../../../src/fleet/events/daemon-filter.js';

/*
 * The daemon-side events filter: what it lets through, by dockerd's matching rules, and what the
 * real dockerd did with it (test/fixtures/docker-api/events.json, recorded off a lab host).
 */

/** Docker's event actions by type (Engine API reference, "Monitor events"), 20.10 … 27. */
const CATALOGUE: Record<string, string[]> = {
  container: [
    'attach',
    'commit',
    'copy',
    'create',
    'destroy',
    'detach',
    'die',
    'exec_create: sh -c true',
    'exec_detach',
    'exec_die',
    'exec_start: sh -c true',
    'export',
    'health_status: healthy',
    'health_status: unhealthy',
    'health_status: starting',
    'kill',
    'oom',
    'pause',
    'rename',
    'resize',
    'restart',
    'start',
    'stop',
    'top',
    'unpause',
    'update',
    'prune',
  ],
  image: ['delete', 'import', 'load', 'pull', 'push', 'save', 'tag', 'untag', 'prune'],
  volume: ['create', 'destroy', 'mount', 'unmount', 'prune'],
  network: ['create', 'connect', 'destroy', 'disconnect', 'remove', 'prune'],
  daemon: ['reload'],
  plugin: ['enable', 'disable', 'install', 'remove'],
  service: ['create', 'remove', 'update'],
  node: ['create', 'remove', 'update'],
};

/**
 * daemon/events/filter.go: type must be listed; action matches exactly — or, once the event list
 * holds health_status, exec_create or exec_start, as a prefix of any listed value.
 */
function passes(type: string, action: string): boolean {
  const events = EVENT_FILTERS.event;
  const fuzzy = ['health_status', 'exec_create', 'exec_start'].some((v) => events.includes(v));
  const actionOk = events.includes(action) || (fuzzy && events.some((v) => action.startsWith(v)));
  return EVENT_FILTERS.type.includes(type) && actionOk;
}

const passing = () =>
  Object.entries(CATALOGUE).flatMap(([type, actions]) =>
    actions.filter((a) => passes(type, a)).map((a) => `${type} ${a}`),
  );

describe('the daemon-side events filter', () => {
  it('lets through the container lifecycle the list and the stop-signal tracker use', () => {
    for (const a of [
      ...CONTAINER_ACTIONS.filter((x) => x !== 'health_status'),
      'health_status: healthy',
      'health_status: unhealthy',
    ])
      expect(passes('container', a), a).toBe(true);
  });

  it('keeps health-check chatter and the per-start mount/connect pairs off the link', () => {
    const through = passing();
    for (const noise of [
      'exec_create',
      'exec_start',
      'exec_die',
      'attach',
      'resize',
      'top',
      'copy',
      'export',
    ])
      expect(
        through.some((t) => t.startsWith(`container ${noise}`)),
        noise,
      ).toBe(false);
    for (const noise of ['volume mount', 'volume unmount', 'network connect', 'network disconnect'])
      expect(through, noise).not.toContain(noise);
  });

  it('passes exactly this set through the flat type × event product, prefix matching included', () => {
    expect(passing()).toEqual([
      'container create',
      'container destroy',
      'container die',
      'container health_status: healthy',
      'container health_status: unhealthy',
      'container health_status: starting',
      'container kill',
      'container oom',
      'container pause',
      'container rename',
      'container restart',
      'container start',
      'container stop',
      'container unpause',
      'container prune',
      'image delete',
      'image import',
      'image load',
      'image pull',
      'image tag',
      'image untag',
      'image prune',
      'volume create',
      'volume destroy',
      'volume prune',
      'network create',
      'network destroy',
      'network prune',
      'daemon reload',
    ]);
  });

  it('is the query value dockerd expects', () => {
    expect(JSON.parse(eventFiltersParam())).toEqual({
      type: [...EVENT_FILTERS.type],
      event: [...EVENT_FILTERS.event],
    });
  });

  describe('on the real dockerd (the recording)', () => {
    const recording = JSON.parse(
      readFileSync(new URL('../../fixtures/docker-api/events.json', import.meta.url), 'utf8'),
    ) as {
      filters: unknown;
      unfiltered: Array<{ message: { Type: string; Action: string; Actor: { ID: string } } }>;
      filtered: Array<{ message: { Type: string; Action: string; Actor: { ID: string } } }>;
    };
    const key = (x: { message: { Type: string; Action: string; Actor: { ID: string } } }) =>
      `${x.message.Type} ${x.message.Action} ${x.message.Actor.ID}`;

    it('was recorded with this filter (re-record with test/scale/record.ts when it changes)', () => {
      expect(recording.filters).toEqual(JSON.parse(eventFiltersParam()));
    });

    it('sent what this filter lets through, in order, and nothing else', () => {
      const expected = recording.unfiltered.filter((x) => passes(x.message.Type, x.message.Action)).map(key);
      expect(recording.filtered.map(key)).toEqual(expected);
      expect(recording.unfiltered.length).toBeGreaterThan(recording.filtered.length);
      expect(recording.filtered.some((x) => x.message.Action.startsWith('health_status: '))).toBe(true);
    });
  });
});
