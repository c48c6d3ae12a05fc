import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, JournalStore, MemoryAudit } from '../../../src/actions/index.js';
import type { RolloutJournal } from '../../../src/actions/journal.js';
import { planRecover } from '../../../src/actions/planners/recover-plan.js';
import { planRedeploy } from '../../../src/actions/planners/redeploy-plan.js';
import { waitUntil } from '../../support/wait.js';
import { details, FakeMutations, fleetOf } from './fake-mutations.js';

/** A journal store whose process "is SIGKILLed" at write number `dieAt`: that write never lands or returns. */
class DyingJournal extends JournalStore {
  writes = 0;
  constructor(
    dir: string,
    private readonly dieAt: number,
  ) {
    super(dir);
  }
  override write(j: RolloutJournal): Promise<void> {
    if (++this.writes >= this.dieAt) return new Promise(() => undefined);
    return super.write(j);
  }
}

/**
 * The hosts as a process that may die sees them: once `dead()` holds, none of its calls return
 * (a SIGKILLed fleetdeck sends nothing more), so the dead run cannot interfere with recovery.
 */
function hostsOf(hosts: FakeMutations[], dead?: () => boolean): (name: string) => FakeMutations {
  const plain = fleetOf(...hosts);
  if (!dead) return plain;
  return (name) =>
    new Proxy(plain(name), {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) =>
          dead() ? new Promise(() => undefined) : (v as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
}

function executor(hosts: FakeMutations[], journalDir: string, journals?: JournalStore, dead?: () => boolean) {
  let t = 1_700_000_000_000;
  return new ActionExecutor({
    readOnly: false,
    hosts: hostsOf(hosts, dead),
    audit: new MemoryAudit(),
    journalDir,
    ...(journals ? { journals } : {}),
    user: 'ops',
    machine: 'laptop',
    now: () => t,
    sleep: (ms) => ((t += ms), Promise.resolve()),
    pollMs: 100,
  });
}

const fleet = (): FakeMutations[] =>
  ['lab-0', 'lab-1'].map((h) => new FakeMutations(h, [details(h, 'web-1'), details(h, 'web-2')]));

const plan = (hosts: FakeMutations[]) =>
  planRedeploy({
    role: 'web',
    image: 'tiny:v2',
    batch: '2',
    waitSeconds: 0,
    replicas: hosts.flatMap((h) => [...h.containers.values()]),
    imagePresentOn: hosts.map((h) => h.host),
  });

/** Each replica name held by exactly one running container; nothing else of the rollout left. */
function whole(hosts: FakeMutations[]): string[] {
  return hosts.flatMap((h) => [...h.containers.values()].map((c) => `${h.host}/${c.name} ${c.state}`).sort());
}

const settle = (fn: () => boolean): Promise<void> => waitUntil(fn, 'the run to die or finish', 10_000, 5);

describe('redeploy: journal, lock and crashes', () => {
  it('the journal is on disk before the lock is taken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const hosts = fleet();
    let atLock: RolloutJournal | undefined;
    const createLock = hosts[0]!.createLock.bind(hosts[0]);
    hosts[0]!.createLock = async (...a) => {
      atLock = await new JournalStore(dir).read('web');
      return createLock(...a);
    };
    const out = await executor(hosts, dir).run(plan(hosts), { confirm: 'web' });
    expect(out.result).toBe('ok');
    expect(atLock).toEqual(expect.objectContaining({ role: 'web', state: 'running' }));
    expect(atLock!.replicas.every((r) => r.phase === 'pending')).toBe(true);
  });

  it('a lock held by someone else: our journal goes again, nothing is touched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const hosts = fleet();
    await hosts[1]!.createLock('fleetdeck-lock-web', 'tiny:latest', {
      'org.fleetdeck.lock.rollout': 'other',
    });
    const out = await executor(hosts, dir).run(plan(hosts), { confirm: 'web' });
    expect(out.result).toBe('failed');
    expect(await new JournalStore(dir).read('web')).toBeUndefined();
    expect(hosts[0]!.calls).toEqual(['lock fleetdeck-lock-web', 'rm fleetdeck-lock-web']);
  });

  it('a host lost mid-batch: the journal stays (failed) and so does the lock, until --resume settles it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const hosts = fleet();
    const lab1 = hosts[1]!;
    lab1.healthOfImage = (img) => (img === 'tiny:v2' ? 'unhealthy' : 'none');
    const findByName = lab1.findByName.bind(lab1);
    let down = true;
    lab1.findByName = (name: string) =>
      down && !name.startsWith('fleetdeck-lock')
        ? Promise.reject(new Error('lab-1: connection lost'))
        : findByName(name);
    const out = await executor(hosts, dir).run(plan(hosts), { confirm: 'web' });
    expect(out.result).toBe('failed');
    expect(out.message).toContain('role web stays locked');
    expect((await new JournalStore(dir).read('web'))?.state).toBe('failed');
    expect(hosts.map((h) => h.byName('fleetdeck-lock-web') !== undefined)).toEqual([true, true]);
    // A second rollout is refused while that journal is there.
    const again = await executor(hosts, dir).run(plan(hosts), { confirm: 'web' });
    expect(again.message).toContain('has an interrupted rollout');
    down = false;
    lab1.healthOfImage = () => 'none';
    const j = (await new JournalStore(dir).read('web'))!;
    const resumed = await executor(hosts, dir).run(planRecover(j, 'resume'), { confirm: 'web' });
    expect(resumed.result).toBe('ok');
    expect(hosts.map((h) => h.byName('fleetdeck-lock-web'))).toEqual([undefined, undefined]);
  });

  it('crash right after the old container went, before the journal said so: the new one is the only copy and stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
    const hosts = fleet();
    const lab0 = hosts[0]!;
    const remove = lab0.remove.bind(lab0);
    let dying = false;
    lab0.remove = async (id: string) => {
      const name = lab0.containers.get(id)?.name ?? '';
      await remove(id);
      if (name.endsWith('_fleetdeck-old')) dying = true; // SIGKILL right here
      if (dying) await new Promise(() => undefined);
    };
    void executor(hosts, dir).run(plan(hosts), { confirm: 'web' });
    await settle(() => dying);
    lab0.remove = remove;
    const j = (await new JournalStore(dir).read('web'))!;
    expect(j.replicas.some((r) => r.phase === 'committing')).toBe(true);
    const out = await executor(hosts, dir).run(planRecover(j, 'rollback'), { confirm: 'web' });
    expect(out.result).toBe('ok');
    expect(whole(hosts)).toEqual([
      'lab-0/web-1 running',
      'lab-0/web-2 running',
      'lab-1/web-1 running',
      'lab-1/web-2 running',
    ]);
  });

  for (const mode of ['resume', 'rollback'] as const) {
    it(`SIGKILL at every step boundary, then --${mode}: every replica present and running, nothing left over`, async () => {
      let boundaries = 0;
      for (let dieAt = 1; dieAt < 60; dieAt++) {
        const dir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
        const hosts = fleet();
        const dying = new DyingJournal(dir, dieAt);
        const run = executor(hosts, dir, dying, () => dying.writes >= dieAt).run(plan(hosts), {
          confirm: 'web',
        });
        let finished = false;
        void run.then(() => (finished = true));
        await settle(() => finished || dying.writes >= dieAt);
        if (finished) {
          boundaries = dieAt - 1;
          break; // more boundaries than this rollout has
        }
        const j = await new JournalStore(dir).read('web');
        if (j) {
          const out = await executor(hosts, dir).run(planRecover(j, mode), { confirm: 'web' });
          expect(out.result, `died at write ${dieAt}: ${out.message}`).toBe('ok');
        }
        expect(whole(hosts), `died at write ${dieAt}`).toEqual([
          'lab-0/web-1 running',
          'lab-0/web-2 running',
          'lab-1/web-1 running',
          'lab-1/web-2 running',
        ]);
        const images = hosts.flatMap((h) => [...h.containers.values()].map((c) => c.image));
        expect(new Set(images).size, `died at write ${dieAt}: ${images.join(',')}`).toBe(1);
      }
      expect(boundaries).toBeGreaterThan(10); // every journal write of a 4-replica rollout was a death point
    }, 120_000);
  }
});

describe('role lock owner and heartbeat', () => {
  it('names user, machine, start and heartbeat; a fresh one says wait, an old one says it looks stale', async () => {
    const { acquireRoleLock, describeHolder, isStale, lockHolder, LOCK_STALE_MS } =
      await import('../../../src/actions/role-lock.js');
    const { firstFileOfTar, tarOfFile } = await import('../../../src/actions/tar-dirs.js');
    expect(firstFileOfTar(tarOfFile('.hb', '2024-05-01T03:15:02.000Z'))).toBe('2024-05-01T03:15:02.000Z');
    const lab0 = new FakeMutations('lab-0');
    let beat = '';
    lab0.putArchive = async (_id, _path, tar) => {
      const chunks: Buffer[] = [];
      for await (const c of tar as AsyncIterable<Buffer>) chunks.push(c);
      beat = firstFileOfTar(Buffer.concat(chunks)) ?? '';
    };
    lab0.getArchive = () =>
      Promise.resolve(
        (async function* () {
          yield tarOfFile('.hb', beat);
        })() as never,
      );
    const t0 = Date.parse('2024-05-01T03:15:02.000Z');
    await acquireRoleLock(
      'web',
      [{ m: lab0, image: 'tiny:latest' }],
      {
        rolloutId: 'r1',
        user: 'alice',
        machine: 'laptop',
        since: '2024-05-01T03:15:00.000Z',
      },
      () => t0,
    );
    const holder = (await lockHolder(lab0, 'web'))!;
    expect(holder.heartbeat).toBe('2024-05-01T03:15:02.000Z');
    expect(describeHolder(holder, t0 + 10_000)).toBe(
      'rollout r1 of alice@laptop since 2024-05-01T03:15:00.000Z, last heartbeat 2024-05-01T03:15:02.000Z (10 s ago)',
    );
    expect(isStale(holder, t0 + 10_000)).toBe(false);
    expect(isStale(holder, t0 + LOCK_STALE_MS + 1)).toBe(true);
    const other = { rolloutId: 'r2', user: 'bob', machine: 'desk', since: 'x' };
    await expect(
      acquireRoleLock('web', [{ m: lab0, image: 'tiny:latest' }], other, () => t0 + 5_000),
    ).rejects.toThrow(
      /locked by rollout r1 of alice@laptop .* — wait for it to finish \(its holder is alive/,
    );
    await expect(
      acquireRoleLock('web', [{ m: lab0, image: 'tiny:latest' }], other, () => t0 + LOCK_STALE_MS + 5_000),
    ).rejects.toThrow(/that lock looks stale .* clear it with `fleetdeck redeploy role:web --break-lock`$/);
  });
});
