import { describe, expect, it } from 'vitest';
import { psJson } from '../../../src/app/output/ps.js';
import type { DockerHostApi } from '../../../src/docker/host-api.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { inspectMany } from '../../../src/fleet/health/inspect-many.js';
import { FakeHostApi, makeContainer } from '../../support/fake-host-api.js';

/** Counts inspections in flight on one host. */
class CountingHost extends FakeHostApi {
  active = 0;
  maxActive = 0;
  override async inspectContainer(id: string): Promise<ContainerDetails> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      await new Promise((r) => setImmediate(r));
      const d = await super.inspectContainer(id);
      return id.startsWith('sigignore') ? { ...d, stopSignal: '15', stopTimeout: 3, init: true } : d;
    } finally {
      this.active--;
    }
  }
}

describe('ps --json signal fields', () => {
  const a = new CountingHost('a');
  a.containers = [
    makeContainer('a', 'sigignore', { state: 'exited', status: 'Exited (137) 1 minute ago', exitCode: 137 }),
    makeContainer('a', 'web-1'),
    makeContainer('a', 'missing-1'),
    ...Array.from({ length: 10 }, (_, i) =>
      makeContainer('a', `job-${i}`, { state: 'exited', exitCode: 127 }),
    ),
  ];
  const listed = [...a.containers];
  // Gone between list and inspect: its fields are null, the rest unaffected.
  a.containers = a.containers.filter((c) => c.name !== 'missing-1');
  const apis = new Map<string, DockerHostApi>([['a', a]]);

  it('adds stopSignal, stopTimeout, init and the decoded exit, keeping the listed fields', async () => {
    const details = await inspectMany(apis, listed, { perHost: 3 });
    const rows = psJson(listed, details);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('sigignore')).toEqual({
      host: 'a',
      id: listed[0]!.id,
      name: 'sigignore',
      role: 'sigignore',
      image: 'tiny:latest',
      imageId: 'sha256:aaa',
      state: 'exited',
      status: 'Exited (137) 1 minute ago',
      health: 'none',
      exitCode: 137,
      stale: false,
      stopSignal: 'SIGTERM',
      stopTimeout: 3,
      init: true,
      exit: { code: 137, meaning: 'killed by SIGKILL (137)' },
      inspected: true,
    });
    expect(byName.get('web-1')).toMatchObject({
      stopSignal: 'SIGTERM',
      stopTimeout: 10,
      init: false,
      exit: null,
    });
    expect(byName.get('job-0')).toHaveProperty('exit', {
      code: 127,
      meaning: 'command not found (127): check the entrypoint and PATH',
    });
    expect(byName.get('missing-1')).toMatchObject({
      stopSignal: null,
      stopTimeout: null,
      init: null,
      exit: null,
    });
    expect(a.maxActive).toBe(3);
  });

  it('without --inspect, the same fields come from the list alone: the exit decoded, the rest null', () => {
    const before = a.callCount('inspectContainer');
    const rows = psJson(listed, 'listed');
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(a.callCount('inspectContainer')).toBe(before);
    expect(byName.get('sigignore')).toMatchObject({
      exitCode: 137,
      stopSignal: null,
      stopTimeout: null,
      init: null,
      exit: { code: 137, meaning: 'killed by SIGKILL (137)' },
      inspected: false,
    });
    expect(byName.get('web-1')).toMatchObject({ exit: null, inspected: false });
    expect(byName.get('job-0')).toHaveProperty('exit', {
      code: 127,
      meaning: 'command not found (127): check the entrypoint and PATH',
    });
    // The keys are those of an inspected row: a consumer reads one shape either way.
    expect(Object.keys(byName.get('web-1')!)).toEqual(Object.keys(psJson(listed, new Map())[0]!));
  });

  it('without details (table output) the JSON shape is unchanged', () => {
    expect(Object.keys(psJson(listed)[0]!)).toEqual([
      'host',
      'id',
      'name',
      'role',
      'image',
      'imageId',
      'state',
      'status',
      'health',
      'exitCode',
      'stale',
    ]);
  });
});
