import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ActionExecutor, MemoryAudit } from '../../../src/actions/index.js';
import { JournalStore } from '../../../src/actions/journal.js';
import { planBreakLockOf } from '../../../src/actions/break-lock-gather.js';
import { LOCK_STALE_MS, LOCK_WATCH_MS } from '../../../src/actions/role-lock.js';
import { tarOfFile } from '../../../src/actions/tar-dirs.js';
import { FakeMutations, fleetOf } from './fake-mutations.js';

const T0 = Date.parse('2024-05-01T03:15:00.000Z');
const LOCK = 'fleetdeck-lock-web';

/** Two hosts holding bob's lock of role web, whose heartbeat file says `beat`. */
function lockedFleet(beat: { at: string }) {
  const hosts = ['lab-0', 'lab-1'].map((n) => new FakeMutations(n));
  for (const h of hosts) {
    void h.createLock(LOCK, 'tiny:latest', {
      'org.fleetdeck.lock': 'web',
      'org.fleetdeck.lock.rollout': 'r-bob',
      'org.fleetdeck.lock.owner': 'bob@desk',
      'org.fleetdeck.lock.user': 'bob',
      'org.fleetdeck.lock.machine': 'desk',
      'org.fleetdeck.lock.since': '2024-05-01T03:00:00.000Z',
    });
    h.getArchive = () => Promise.resolve(Readable.from([tarOfFile('.fleetdeck-lock-heartbeat', beat.at)]));
  }
  return hosts;
}

function setup(hosts: FakeMutations[], onSleep: () => void = () => {}) {
  let clock = T0;
  const journalDir = mkdtempSync(join(tmpdir(), 'fd-journal-'));
  const audit = new MemoryAudit();
  const ex = new ActionExecutor({
    readOnly: false,
    hosts: fleetOf(...hosts),
    audit,
    journalDir,
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      onSleep();
      return Promise.resolve();
    },
  });
  const plan = () =>
    planBreakLockOf(
      'web',
      { hosts: fleetOf(...hosts), hostNames: hosts.map((h) => h.host) },
      new JournalStore(journalDir),
      clock,
    );
  return { ex, plan, audit, journalDir };
}

const locked = (hosts: FakeMutations[]) => hosts.map((h) => h.byName(LOCK) !== undefined);

describe('--break-lock', () => {
  it('clears a stale lock on every host once the role name is typed, with a start and an end audit line', async () => {
    const hosts = lockedFleet({ at: new Date(T0 - LOCK_STALE_MS - 1_000).toISOString() });
    const { ex, plan, audit } = setup(hosts);
    const p = await plan();
    expect(p.steps[0]).toBe(
      'lab-0: remove fleetdeck-lock-web — rollout r-bob of bob@desk since 2024-05-01T03:00:00.000Z, last heartbeat 2024-05-01T03:12:59.000Z (121 s ago)',
    );
    expect(p.confirmation).toMatchObject({ mode: 'type', text: 'web' });
    const refused = await ex.run(p, { confirm: true });
    expect(refused.result).toBe('refused');
    expect(locked(hosts)).toEqual([true, true]);
    const out = await ex.run(p, { confirm: 'web' });
    expect(out.result).toBe('ok');
    expect(out.message).toMatch(/^role web unlocked on lab-0, lab-1 \(was: rollout r-bob of bob@desk/);
    expect(locked(hosts)).toEqual([false, false]);
    expect(audit.lines.slice(-2).map((l) => `${l.action} ${l.phase} ${l.target}`)).toEqual([
      'lock-break start role:web',
      'lock-break end role:web',
    ]);
  });

  it('refuses a fresh lock whose heartbeat moves while it is watched, naming its owner; nothing removed', async () => {
    const beat = { at: new Date(T0 - 5_000).toISOString() };
    const hosts = lockedFleet(beat);
    // The holder is alive: it beats while --break-lock watches.
    const { ex, plan } = setup(hosts, () => (beat.at = new Date(T0 + 15_000).toISOString()));
    const p = await plan();
    expect(p.steps[0]).toContain(
      `(fresh: watched ${LOCK_WATCH_MS / 1000} s first; refused if its heartbeat moves)`,
    );
    const out = await ex.run(p, { confirm: 'web' });
    expect(out.result).toBe('failed');
    expect(out.message).toMatch(
      /^lab-0: role web is locked by rollout r-bob of bob@desk since .*, last heartbeat .* and that holder is alive .* — nothing was removed; wait for that rollout to finish, or stop fleetdeck on desk first$/,
    );
    expect(locked(hosts)).toEqual([true, true]);
  });

  it('clears a fresh-looking lock whose heartbeat does not move (its holder died, or its clock runs ahead)', async () => {
    const hosts = lockedFleet({ at: new Date(T0 + 60_000).toISOString() }); // a clock ahead of ours
    const { ex, plan } = setup(hosts);
    const out = await ex.run(await plan(), { confirm: 'web' });
    expect(out.result).toBe('ok');
    expect(locked(hosts)).toEqual([false, false]);
  });

  it("refuses a lock this machine's own interrupted journal explains: --resume/--rollback take it over", async () => {
    const hosts = lockedFleet({ at: new Date(T0 - LOCK_STALE_MS * 2).toISOString() });
    const { plan, journalDir } = setup(hosts);
    await new JournalStore(journalDir).write({
      id: 'r-bob',
      role: 'web',
      image: 'tiny:v2',
      user: 'bob',
      machine: 'desk',
      startedAt: '2024-05-01T03:00:00.000Z',
      state: 'running',
      waitSeconds: 1,
      healthTimeoutSeconds: 1,
      batchSize: 1,
      replicas: [],
    });
    await expect(plan()).rejects.toThrow(
      /^lab-0: the lock of role web belongs to rollout r-bob, which this machine's journal holds \(interrupted\) — finish it with `fleetdeck redeploy role:web --resume`/,
    );
  });

  it('a role nobody holds: nothing to break', async () => {
    const hosts = [new FakeMutations('lab-0')];
    const { plan } = setup(hosts);
    await expect(plan()).rejects.toThrow(
      'role web is not locked on any host that answered — nothing to break',
    );
  });

  it('a lock taken over by another rollout since the plan: nothing removed', async () => {
    const hosts = lockedFleet({ at: new Date(T0 - LOCK_STALE_MS * 2).toISOString() });
    const { ex, plan } = setup(hosts);
    const p = await plan();
    await hosts[1]!.remove(LOCK);
    await hosts[1]!.createLock(LOCK, 'tiny:latest', { 'org.fleetdeck.lock.rollout': 'r-carol' });
    const out = await ex.run(p, { confirm: 'web' });
    expect(out.result).toBe('failed');
    expect(out.message).toMatch(
      /^lab-1: the lock of role web is now held by rollout r-carol .* not the one planned/,
    );
    expect(locked(hosts)).toEqual([true, true]);
  });
});
