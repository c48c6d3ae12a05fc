import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { afterEach, expect, it } from 'vitest';
import { openTargets, type FleetTargets } from '../../src/app/targets.js';
import { loadFleet } from '../../src/config/index.js';
import { HostWatcher } from '../../src/fleet/host-watcher.js';
import { FleetStore } from '../../src/fleet/store.js';
import { waitFor } from '../support/fake-host-api.js';
import { describeLab, dockerCli, startSshd, stopSshd } from '../support/lab.js';

/** ESTABLISHED TCP connections that this process holds to a local port. */
function establishedTo(port: number): number {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((l) => l.includes(`pid=${process.pid},`)).length;
}

describeLab('a running fleet against the lab', (lab) => {
  let fleet: FleetTargets | undefined;
  const watchers: HostWatcher[] = [];
  afterEach(async () => {
    for (const w of watchers.splice(0)) w.stop();
    await fleet?.close();
    fleet = undefined;
  });

  async function open() {
    const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
    fleet = openTargets(config, { readOnly: true });
    return fleet;
  }

  it('reuses one SSH connection per host for parallel requests and streams', async () => {
    const { targets, pool } = await open();
    const subs = await Promise.all(
      targets.map((t) =>
        t.api.events(
          {},
          () => undefined,
          () => undefined,
        ),
      ),
    );
    const rounds = await Promise.all(
      targets.flatMap((t) =>
        Array.from({ length: 10 }, async () => (await t.api.listContainers({ all: true })).length),
      ),
    );
    expect(rounds.every((n) => n >= 8)).toBe(true);
    const web = (await targets[0]!.api.listContainers({ all: false })).find((c) => c.name === 'web-1')!;
    const logs = await targets[0]!.api.logs(web.id, { tail: 1, follow: true, timestamps: true });
    expect(pool.connectionsMade).toBe(lab.hosts.length);
    for (const h of lab.hosts) expect(establishedTo(h.port)).toBe(1);
    logs.close();
    for (const s of subs) s.close();
  });

  it('marks a host unreachable when its sshd dies and brings it back on its own, events keeping the list current', async () => {
    const { targets } = await open();
    const store = new FleetStore(
      targets.map((t) => ({ ...t.identity, state: 'connecting' as const, since: Date.now() })),
    );
    const backoff = { initialMs: 200, maxMs: 1_000, factor: 2 };
    for (const t of targets) {
      const w = new HostWatcher(t.api, store, { backoff, pingIntervalMs: 1_000 });
      watchers.push(w);
      w.start();
    }
    const state = (i: number) => store.getSnapshot().hosts[i]?.state;
    await waitFor(() => lab.hosts.every((_, i) => state(i) === 'up'), 'all hosts up', 20_000);

    await stopSshd(1);
    try {
      await waitFor(() => state(1) === 'unreachable', 'lab-1 unreachable', 20_000);
      expect(lab.hosts.map((_, i) => state(i))).toEqual(
        lab.hosts.map((_, i) => (i === 1 ? 'unreachable' : 'up')),
      );
    } finally {
      await startSshd(1);
    }
    await waitFor(() => state(1) === 'up', 'lab-1 back up', 30_000);

    // A container created behind fleetdeck's back shows up through the event stream.
    const name = `probe-${Date.now()}`;
    await dockerCli(2, ['create', '--name', name, '--network', 'none', 'tiny:latest', 'true']);
    try {
      await waitFor(
        () => store.getSnapshot().containers.some((c) => c.name === name),
        `${name} listed`,
        10_000,
      );
    } finally {
      await dockerCli(2, ['rm', '-f', name]);
    }
    await waitFor(() => !store.getSnapshot().containers.some((c) => c.name === name), `${name} gone`, 10_000);
  });
});
