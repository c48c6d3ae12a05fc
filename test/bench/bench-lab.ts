import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readInventory, type LabInventory } from '../support/lab-inventory.js';
import { runLabScript } from '../support/lab-script.js';

/**
 * The lab a benchmark measures: the one named by FLEETDECK_LAB_DIR, else a dedicated bench lab
 * with BENCH_HOSTS hosts (default 8) that is torn down afterwards.
 */
export async function benchLab(): Promise<{ lab: LabInventory; teardown: () => Promise<void> }> {
  const named = process.env.FLEETDECK_LAB_DIR;
  if (named && existsSync(join(named, 'inventory.json'))) {
    return { lab: readInventory(named), teardown: async () => undefined };
  }
  const dir = '/tmp/fleetdeck-benchlab';
  const portBase = Number(process.env.BENCH_PORT_BASE ?? 22700);
  const hosts = process.env.BENCH_HOSTS ?? '8';
  process.stderr.write(`[bench] starting a ${hosts}-host lab at ${dir}…\n`);
  const up = await runLabScript(dir, portBase, ['up', hosts], 300_000);
  if (up.code !== 0) throw new Error(`lab.sh up failed: ${up.stderr}`);
  return {
    lab: readInventory(dir),
    teardown: async () => {
      if (process.env.FLEETDECK_LAB_KEEP !== '1') await runLabScript(dir, portBase, ['down'], 120_000);
    },
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
