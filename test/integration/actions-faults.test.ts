import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sigkillDuringSnapshot } from '../support/action-faults.js';
import { describeLab } from '../support/lab.js';
import { diskFullDuringSnapshot } from '../support/disk-full.js';
import { removeKillRole, sigkillAtEveryRedeployStep } from '../support/redeploy-kill.js';

describeLab('actions fail safe (faults on the lab)', (lab) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-action-faults-'));
  // Host 1: not the btrfs one, so the on-host copy takes long enough to be killed in.
  const index = lab.hosts.length > 1 ? 1 : 0;

  it('fleetdeck SIGKILLed while a snapshot holds the container paused: the guard on the host unpauses it', async () => {
    const out = await sigkillDuringSnapshot(lab, index, dataDir);
    // Waited on as a condition (bounded by the guard's promise); the figure goes to the bench.
    expect(out.lost).toBe(0);
    expect(out.paused).toBe(0);
    // What the kill left (helper, …-base image) is named by `snapshot list`, with how to remove it.
    expect(out.reported).toEqual(out.leftovers);
  }, 300_000);

  it('fleetdeck SIGKILLed at every step boundary of a redeploy: --status shows it, --resume/--rollback finish with 0 lost, 0 paused', async () => {
    try {
      const kills = await sigkillAtEveryRedeployStep(lab, index, dataDir);
      // 2 replicas, batch 1: the journal before the lock, then every phase of each replica.
      expect(kills.length).toBeGreaterThanOrEqual(10);
      for (const k of kills) {
        const where = `killed after journal write ${k.step} (${k.phases.join(', ') || 'no replica touched'}), then --${k.mode}`;
        expect({ where, status: k.statusShown, code: k.recoverCode, lost: k.lost, paused: k.paused }).toEqual(
          {
            where,
            status: true,
            code: 0,
            lost: 0,
            paused: 0,
          },
        );
        expect({ where, leftovers: k.leftovers, images: k.images.length }).toEqual({
          where,
          leftovers: [],
          images: 1,
        });
      }
    } finally {
      await removeKillRole(lab, index);
    }
  }, 1_200_000);

  it('the Docker root fills up during a snapshot (a tiny loop filesystem): a clear error naming the host, the container runs, nothing left', async () => {
    const out = await diskFullDuringSnapshot(lab);
    expect(out.code).toBe(1);
    expect(out.message).toContain(`${out.host}/fd-full: copying its volumes on the host failed`);
    expect(out.clear).toBe(true);
    expect({ running: out.running, lost: out.lost, paused: out.paused, leftovers: out.leftovers }).toEqual({
      running: true,
      lost: 0,
      paused: 0,
      leftovers: [],
    });
  }, 600_000);
});
