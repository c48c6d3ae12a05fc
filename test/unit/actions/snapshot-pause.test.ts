import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { HEARTBEAT_MS, withGuardedPause } from '../../../src/actions/pause-window.js';
import { planSnapshot } from '../../../src/actions/planners/snapshot-plan.js';
import type { RunContext } from '../../../src/actions/run-context.js';
import { copyScript } from '../../../src/actions/runners/snapshot-create.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

const NOW = Date.UTC(2024, 4, 1, 3, 15, 2);

function dbHost(): FakeMutations {
  return new FakeMutations('lab-0', [
    details('lab-0', 'db-1', {
      mounts: [{ type: 'volume', name: 'dbdata', source: '/v', destination: '/data', readWrite: true }],
    }),
  ]);
}

function run(host: FakeMutations, over: { pre?: string; post?: string; helperImage?: string } = {}) {
  const ex = new ActionExecutor({
    readOnly: false,
    hosts: fleetOf(host),
    audit: new MemoryAudit(),
    journalDir: mkdtempSync(join(tmpdir(), 'fd-journal-')),
    user: 'ops',
    machine: 'laptop',
    now: () => NOW,
    sleep: () => Promise.resolve(),
  });
  const plan = {
    ...planSnapshot({
      target: 'db-1',
      container: host.byName('db-1')!,
      now: NOW,
      withVolumes: true,
      ...(over.pre ? { pre: over.pre } : {}),
      ...(over.post ? { post: over.post } : {}),
    }),
    ...(over.helperImage ? { helperImage: over.helperImage } : {}),
  };
  return ex.run(plan, { confirm: true });
}

/** Calls between pause and unpause: what the pause window holds. */
function window(calls: string[]): string[] {
  return calls.slice(calls.indexOf('pause db-1') + 1, calls.indexOf('unpause db-1'));
}

describe('snapshot pause window', () => {
  it('nothing crosses the link while paused: only the commit and the copy on the host', async () => {
    const h = dbHost();
    const out = await run(h, { helperImage: 'tiny:latest' });
    expect(out.result).toBe('ok');
    expect(window(h.calls)).toEqual([
      'commit db-1 fleetdeck-snapshot/db-1:20240501-031502-base',
      'helper fleetdeck-snapshot-copy-20240501-031502 tiny:latest from lab-0-db-1-0001:ro',
    ]);
    // With a fleet-wide helper image the copy is moved into the snapshot image after the unpause.
    expect(h.calls.slice(h.calls.indexOf('unpause db-1'))).toEqual([
      'unpause db-1',
      'guard cancel',
      'put fleetdeck-snapshot-helper-20240501-031502 /',
      'put fleetdeck-snapshot-helper-20240501-031502 /.fleetdeck-volumes',
      'commit fleetdeck-snapshot-helper-20240501-031502 fleetdeck-snapshot/db-1:20240501-031502',
      'rm fleetdeck-snapshot-copy-20240501-031502',
      'rm fleetdeck-snapshot-helper-20240501-031502',
      'rmi fleetdeck-snapshot/db-1:20240501-031502-base',
    ]);
    expect(h.calls.indexOf('guard db-1')).toBeLessThan(h.calls.indexOf('pause db-1'));
    expect(h.byName('db-1')!.state).toBe('running');
  });

  it('a host that cannot run the guard is not paused at all', async () => {
    const h = dbHost();
    h.guardError =
      'lab-0: the pause guard could not be started on the host (exit 127: neither the docker CLI nor curl)';
    const out = await run(h, { pre: 'lock', post: 'unlock' });
    expect(out.result).toBe('failed');
    expect(out.message).toContain('lab-0/db-1: not paused, nothing was done');
    expect(out.message).toContain('neither the docker CLI nor curl');
    expect(h.calls).not.toContain('pause db-1');
    expect(h.calls).toContain('exec db-1 sh -c unlock'); // the post-command still undoes the pre
  });

  it('disk full during the copy: unpaused, guard cancelled, post run, nothing kept, the reason named', async () => {
    const h = dbHost();
    h.helperOutcome.set('cp -a', { code: 1, output: 'cp: write error: No space left on device' });
    const out = await run(h, { post: 'pg_ctl start' });
    expect(out.result).toBe('failed');
    expect(out.message).toContain('copying its volumes on the host failed (the helper exited with 1)');
    expect(out.message).toContain('the Docker root of lab-0 is full');
    expect(out.message).toContain('No space left on device');
    expect(h.calls).toEqual(
      expect.arrayContaining(['unpause db-1', 'guard cancel', 'exec db-1 sh -c pg_ctl start']),
    );
    expect(h.calls).toContain('rm fleetdeck-snapshot-copy-20240501-031502');
    expect(h.images_.has('fleetdeck-snapshot/db-1:20240501-031502-base')).toBe(false);
    expect(h.images_.has('fleetdeck-snapshot/db-1:20240501-031502')).toBe(false);
    expect(h.byName('db-1')!.state).toBe('running');
  });

  it('a failing commit still runs unpause and the post-command; their failures come after the first error', async () => {
    const h = dbHost();
    h.failOnce.set('commit', 'lab-0: POST /commit answered 500: layer store broken');
    h.failOnce.set('unpause', 'lab-0: connection dropped');
    h.execOutcome.set('pg_ctl', { code: 2, output: 'pg_ctl: could not start' });
    const out = await run(h, { post: 'pg_ctl start' });
    expect(out.result).toBe('failed');
    const lines = out.message.split('\n');
    expect(lines[0]).toBe('lab-0: POST /commit answered 500: layer store broken');
    expect(out.message).toContain('also: unpausing lab-0/db-1 failed: lab-0: connection dropped');
    expect(out.message).toContain('the guard on lab-0 unpauses it within 30 s');
    expect(out.message).toContain('also: lab-0/db-1: post-snapshot command `pg_ctl start` exited with 2');
    // Our unpause failed: the guard is left in place, it is what unpauses now.
    expect(h.calls).not.toContain('guard cancel');
    expect(h.calls).toContain('exec db-1 sh -c pg_ctl start');
  });

  it('when the guard fired mid-copy (heartbeats lost), the snapshot is discarded as not of one instant', async () => {
    const h = dbHost();
    const origHelper = h.runHelper.bind(h);
    h.runHelper = async (opts) => {
      const r = await origHelper(opts);
      h.byName('db-1')!.state = 'running'; // the guard's unpause on the host
      return r;
    };
    const out = await run(h);
    expect(out.result).toBe('failed');
    expect(out.message).toContain('the guard on lab-0 fired');
    expect(out.message).toContain('the snapshot was discarded');
    expect(h.calls).not.toContain('unpause db-1');
    expect([...h.images_].filter((i) => i.startsWith('fleetdeck-snapshot/'))).toEqual([]);
  });

  it('beats the heartbeat while paused and stops it at the end', async () => {
    const h = dbHost();
    let tick: (() => void) | undefined;
    let every = 0;
    let stopped = false;
    const ctx = {
      progress: () => undefined,
      meter: () => undefined,
      every: (ms: number, fn: () => void) => {
        every = ms;
        tick = fn;
        return () => (stopped = true);
      },
    } as unknown as RunContext;
    await withGuardedPause(h, { id: 'lab-0-db-1-0001', name: 'db-1' }, ctx, async () => {
      tick!();
      tick!();
      await Promise.resolve();
    });
    expect(every).toBe(HEARTBEAT_MS);
    expect(stopped).toBe(true);
    expect(h.calls.filter((c) => c === 'heartbeat')).toHaveLength(2);
  });

  it('the copy script keeps the on-host layout restore reads, with reflinks where the filesystem has them', () => {
    expect(copyScript(['/data', "/it's"])).toBe(
      [
        'set -e',
        "mkdir -p '/.fleetdeck-volumes/0' '/.fleetdeck-volumes/1'",
        'R=; if cp --reflink=auto /dev/null /.fleetdeck-volumes/.reflink-probe 2>/dev/null; then R=--reflink=auto; fi; rm -f /.fleetdeck-volumes/.reflink-probe',
        "cp -a $R '/data' '/.fleetdeck-volumes/0/'",
        "cp -a $R '/it'\\''s' '/.fleetdeck-volumes/1/'",
      ].join('\n'),
    );
  });
});

describe('rollback checks the snapshot first', () => {
  it('a volume whose data no longer matches its recorded sha256: nothing is stopped or replaced', async () => {
    const { planRollback, SNAP_VOLUMES, SNAPSHOT_LABEL } =
      await import('../../../src/actions/planners/snapshot-plan.js');
    const { createHash } = await import('node:crypto');
    const { Readable } = await import('node:stream');
    const h = dbHost();
    let clock = NOW;
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    const labels = {
      [SNAPSHOT_LABEL]: '1',
      'org.fleetdeck.snapshot.container': 'db-1',
      [SNAP_VOLUMES]: JSON.stringify([
        { destination: '/data', type: 'volume', index: 0, bytes: 4, sha256: sha('good'), verifiable: true },
      ]),
    };
    h.images = () => Promise.resolve([{ id: 'sha256:s', tags: ['snap:1'], labels, size: 1, created: 1 }]);
    const plan = planRollback({
      target: 'db-1',
      container: h.byName('db-1')!,
      snapshot: { id: 'sha256:s', tags: ['snap:1'], labels, size: 1, created: 1 },
    });
    const ex = new ActionExecutor({
      readOnly: false,
      hosts: fleetOf(h),
      audit: new MemoryAudit(),
      journalDir: mkdtempSync(join(tmpdir(), 'fd-journal-')),
      now: () => clock,
      sleep: (ms) => ((clock += ms), Promise.resolve()),
    });
    h.getArchive = () => Promise.resolve(Readable.from([Buffer.from('bad!')]));
    const bad = await ex.run(plan, { confirm: 'db-1' });
    expect(bad.result).toBe('failed');
    expect(bad.message).toContain('does not match what was recorded for /data');
    expect(bad.message).toContain('nothing was stopped or replaced');
    expect(h.calls.filter((c) => /^(stop|rename|create|rm db-1)/.test(c))).toEqual([]);
    expect(h.byName('db-1')!.state).toBe('running');
    h.getArchive = () => Promise.resolve(Readable.from([Buffer.from('good')]));
    const good = await ex.run(plan, { confirm: 'db-1' });
    expect(good.result).toBe('ok');
  });
});
