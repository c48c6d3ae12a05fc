import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab } from '../support/lab.js';

describeLab('fleetdeck storage against the lab', (lab) => {
  it('reports each host’s driver with a verdict, the btrfs host’s allocation read over SSH', async () => {
    const result = await runCli(['storage', '--json', '--fleet', lab.fleetFile]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      host: string;
      reachable: boolean;
      driver: string;
      verdict: string;
      detail: { kind: string; usage?: { deviceSizeBytes?: number } };
      unread: unknown[];
    }[];
    expect(rows.map((r) => [r.host, r.driver])).toEqual(lab.hosts.map((h) => [h.name, h.storageDriver]));
    for (const r of rows) {
      expect(r.reachable).toBe(true);
      expect(r.unread).toEqual([]);
      expect(['ok', 'warn', 'crit']).toContain(r.verdict);
    }
    const btrfs = rows.find((r) => r.driver === 'btrfs');
    expect(btrfs?.detail.kind).toBe('btrfs');
    expect(btrfs?.detail.usage?.deviceSizeBytes).toBeGreaterThan(0);
    const table = await runCli(['storage', '--fleet', lab.fleetFile]);
    expect(table.stdout).toMatch(/lab-0\s+btrfs\s+(ok|warn|crit)\s+allocated/);
  });
});
