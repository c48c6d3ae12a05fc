import { homedir } from 'node:os';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { openTargets, type FleetTargets } from '../../src/app/targets.js';
import { loadFleet } from '../../src/config/index.js';
import type { LogLine } from '../../src/domain/logs/log-line.js';
import { resolveLogTarget } from '../../src/domain/logs/target.js';
import { parseTimestamp } from '../../src/domain/logs/timestamp.js';
import { LogTail } from '../../src/fleet/logs/log-tail.js';
import { runLogsCommand } from '../../src/app/commands/run-logs-command.js';
import type { LogSourceTarget } from '../../src/fleet/logs/source-stream.js';
import { waitFor } from '../support/fake-host-api.js';
import { describeLab, startSshd, stopSshd } from '../support/lab.js';

interface JsonLine {
  type: string;
  host: string;
  container: string;
  stream: string;
  time: string | null;
  text: string;
}

describeLab('logs against the lab', (lab) => {
  let fleet: FleetTargets | undefined;
  const tails: LogTail[] = [];
  afterEach(async () => {
    for (const t of tails.splice(0)) t.close();
    await fleet?.close();
    fleet = undefined;
  });

  /** role:web on every lab host, resolved the way the CLI does. */
  async function webSources(): Promise<LogSourceTarget[]> {
    const config = await loadFleet({ fleetFile: lab.fleetFile, env: {}, homedir: homedir() });
    fleet = openTargets(config, { readOnly: true });
    const perHost = await Promise.all(
      fleet.targets.map(async (t) => ({ t, containers: await t.api.listContainers({ all: false }) })),
    );
    const resolved = resolveLogTarget(
      'role:web',
      perHost.flatMap((h) => h.containers),
    );
    if (!resolved.ok) throw new Error(resolved.error);
    return resolved.containers.map((container) => {
      const target = perHost.find((h) => h.t.api.name === container.host);
      if (!target) throw new Error(`no gateway for ${container.host}`);
      return { host: container.host, api: target.t.api, container };
    });
  }

  it('tails 5 lines of role:web on every host, merged in time order', async () => {
    const sources = await webSources();
    expect(new Set(sources.map((s) => s.host)).size).toBe(lab.hosts.length);
    let lines: JsonLine[];
    // A fresh lab may not have printed 5 lines per container yet: ask again until it has.
    const deadline = Date.now() + 20_000;
    do {
      const out = new PassThrough();
      let text = '';
      out.on('data', (c: Buffer) => (text += c.toString()));
      expect(await runLogsCommand({ sources }, { follow: false, tail: 5, json: true }, out)).toBe(0);
      lines = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as JsonLine)
        .filter((l) => l.type === 'line');
    } while (lines.length < sources.length * 5 && Date.now() < deadline);

    expect(lines).toHaveLength(sources.length * 5);
    for (const s of sources)
      expect(lines.filter((l) => l.host === s.host && l.container === s.container.name)).toHaveLength(5);
    const times = lines.map((l) => parseTimestamp(l.time ?? '') ?? -1n);
    expect(times.every((t) => t > 0n)).toBe(true);
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
  });

  it('follows role:web and sees new lines within a second of Docker writing them', async () => {
    const sources = await webSources();
    const tail = new LogTail(sources, { follow: true, tail: 0 });
    tails.push(tail);
    const arrivals: Array<{ line: LogLine; at: number }> = [];
    tail.onBatch((lines) => {
      const at = Date.now();
      for (const line of lines) arrivals.push({ line, at });
    });
    const started = Date.now();
    tail.start();
    const fresh = (): typeof arrivals =>
      arrivals.filter((a) => a.line.kind === 'line' && a.line.tsNs !== undefined);
    await waitFor(
      () => new Set(fresh().map((a) => a.line.source)).size === sources.length,
      'a new line from every web container',
      10_000,
    );
    for (const a of fresh()) {
      const writtenMs = Number((a.line.tsNs ?? 0n) / 1_000_000n);
      expect(writtenMs).toBeGreaterThan(started - 1_000);
      expect(a.at - writtenMs).toBeLessThan(1_000);
    }
  });

  it('resumes a followed container after its host drops, without duplicates, marking the gap', async () => {
    const index = lab.hosts.length > 1 ? 1 : 0;
    const sources = (await webSources()).filter(
      (s) => s.host === lab.hosts[index]?.name && s.container.name === 'web-1',
    );
    expect(sources).toHaveLength(1);
    const tail = new LogTail(sources, {
      follow: true,
      tail: 2,
      backoff: { initialMs: 200, maxMs: 1_000, factor: 2 },
    });
    tails.push(tail);
    const got: LogLine[] = [];
    tail.onBatch((lines) => got.push(...lines));
    tail.start();
    const requests = (): number[] =>
      got
        .filter((l) => l.kind === 'line')
        .flatMap((l) => {
          // stdout request lines only: the stderr warnings repeat a request number.
          const m = /GET \/items\/(\d+) /.exec(l.text);
          return m ? [Number(m[1])] : [];
        });
    await waitFor(() => requests().length >= 3, 'lines before the drop', 10_000);
    await stopSshd(index);
    try {
      await waitFor(
        () => got.some((l) => l.kind === 'notice' && l.text.includes('log stream lost')),
        'loss noticed',
        30_000,
      );
    } finally {
      await startSshd(index);
    }
    await waitFor(
      () => got.some((l) => l.kind === 'notice' && l.text.includes('reconnected after')),
      'reconnected',
      30_000,
    );
    const before = requests().length;
    await waitFor(() => requests().length >= before + 2, 'lines after the resume', 10_000);
    const seen = requests();
    expect(new Set(seen).size).toBe(seen.length);
    // The container kept counting while we were away: the replay fills the gap with no holes.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBe(seen[i - 1]! + 1);
  });
});
