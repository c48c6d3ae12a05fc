import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sigkillDuringSnapshot } from '../support/action-faults.js';
import { describeLab } from '../support/lab.js';

describeLab('actions fail safe (faults on the lab)', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-action-faults-'));
  // Host 1: not the btrfs one, so the on-host copy takes long enough to be killed in.
  const index = lab.hosts.length > 1 ? 1 : 0;

  it('fleetdeck SIGKILLed while a snapshot holds the container paused: the guard on the host unpauses it', async () => {
    const out = await sigkillDuringSnapshot(lab, index, dataDir);
    // Waited on as a condition (bounded by the guard's promise); the figure goes to the bench.
    expect(out.lost).toBe(0);
    expect(out.paused).toBe(0);
  }, 300_000);
});
