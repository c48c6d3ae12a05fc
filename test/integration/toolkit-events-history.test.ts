import { homedir } from 'node:os';
import { expect, it } from 'vitest';
import { startFleet } from '../../src/app/runtime.js';
import { loadFleet } from '../../src/config/index.js';
import { waitFor } from '../support/fake-host-api.js';
import { describeLab, dockerCli } from '../support/lab.js';

describeLab('events history on the lab', (lab) => {
  it('a container restarted before fleetdeck started is in Events, and each host says how far back it reaches', async () => {
    const host = lab.hosts[0]!.name;
    const r = await dockerCli(0, ['restart', '-t', '1', 'web-2']);
    expect(r.code, r.stderr).toBe(0);
    const startedAt = Date.now();
    const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
    const fleet = startFleet(config, { readOnly: true });
    try {
      const restarted = () =>
        fleet.store
          .getSnapshot()
          .events.find((e) => e.host === host && e.attributes.name === 'web-2' && e.action === 'restart');
      await waitFor(() => restarted() !== undefined, 'the restart of web-2 from the daemon history', 30_000);
      expect(restarted()!.time).toBeLessThan(startedAt);
      await waitFor(() => fleet.store.historyReach.length === lab.hosts.length, 'a reach per host', 30_000);
      for (const reach of fleet.store.historyReach) expect(reach.error).toBeUndefined();
    } finally {
      await fleet.close();
    }
  });
});
