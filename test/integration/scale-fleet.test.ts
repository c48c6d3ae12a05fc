import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventFiltersParam } from '../../src/fleet/events/daemon-filter.js';
import { eventMatches, parseFilters, EVENT_FILTER_KEYS } from '../scale/docker-filters.mjs';
import { startScaleFleet, type ScaleFleet } from '../scale/fleet.js';
import { runCli } from '../support/cli.js';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT, run } from '../support/lab-script.js';

/*
 * The scale fleet (test/scale) at 10 hosts: real sshd in front of the fake daemons. Outcome only —
 * its figures belong to `npm run bench -- scale`. Ports and directory follow this run's lab slot.
 */

interface RecordedEvent {
  message: { Type: string; Action: string; Actor: { ID: string; Attributes: Record<string, string> } };
}

const recording = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test/fixtures/docker-api/events.json'), 'utf8'),
) as { filters: unknown; unfiltered: RecordedEvent[]; filtered: RecordedEvent[] };

const HOSTS = 10;
const PER_HOST = 20;

function readEvents(socket: string, query: string, until: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const req = request({ socketPath: socket, path: `/v1.41/events?${query}` }, (res) => {
      let buffer = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        lines.push(...parts.filter(Boolean));
        if (until(lines)) {
          req.destroy();
          resolve(lines);
        }
      });
    });
    req.on('error', (err) => (lines.length > 0 ? resolve(lines) : reject(err)));
    req.setTimeout(20_000, () =>
      req.destroy(new Error(`no events matching within 20 s; got ${lines.length}`)),
    );
    req.end();
  });
}

describeLab('scale fleet', (lab) => {
  let fleet: ScaleFleet;
  beforeAll(async () => {
    fleet = await startScaleFleet({
      hosts: HOSTS,
      containers: PER_HOST,
      eventIntervalMs: 100,
      // Beside this run's lab slot (22300 + 20·slot → 24400 + 20·slot), apart from the benches' 24000…
      portBase: lab.portBase + 2100,
      dir: `${lab.labDir}-scale`,
    });
  }, 60_000);
  afterAll(() => fleet?.stop());

  it('fleetdeck lists every container of every host through the real sshd', async () => {
    const r = await runCli(['ps', '--all', '--json', '--fleet', fleet.fleetFile], { timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { containers } = JSON.parse(r.stdout) as {
      containers: Array<{ host: string; name: string; state: string }>;
    };
    expect(containers).toHaveLength(HOSTS * PER_HOST);
    expect(new Set(containers.map((c) => c.host)).size).toBe(HOSTS);
    expect(new Set(containers.map((c) => `${c.host}/${c.name}`)).size).toBe(HOSTS * PER_HOST);
    expect(new Set(containers.map((c) => c.state))).toContain('exited');
  });

  it('the floor script and the docker CLI loop answer for every host', async () => {
    const inventory = join(fleet.dir, 'inventory.json');
    const floor = await run(process.execPath, ['test/bench/floor/list.mjs', inventory, '--concurrency', '4']);
    expect(floor.code, floor.stderr).toBe(0);
    expect(JSON.parse(floor.stdout)).toMatchObject({ hosts: HOSTS, ok: HOSTS, containers: HOSTS * PER_HOST });
    const cli = await run(process.execPath, ['test/bench/floor/cli-loop.mjs', inventory, '--hosts', '2']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ hosts: 2, ok: 2 });
  });

  it('filters events as the recorded dockerd did, live and in a since replay', async () => {
    const socket = fleet.hosts[0]!.socket;
    const since = Math.floor(Date.now() / 1000) - 1;
    const query = `since=${since}&filters=${encodeURIComponent(eventFiltersParam())}`;
    const lines = await readEvents(socket, query, (l) => l.length >= 4);
    const actions = lines.map((l) => (JSON.parse(l) as { Action: string }).Action);
    expect(actions.some((a) => a.startsWith('exec_'))).toBe(false);
    expect(actions.filter((a) => a === 'die' || a === 'start' || a.startsWith('health_status')).length).toBe(
      actions.length,
    );
    // A second subscriber from the same `since` gets the same events first (the replay).
    const replay = await readEvents(socket, query, (l) => l.length >= lines.length);
    expect(replay.slice(0, lines.length)).toEqual(lines);
  });

  it('its filter model passes exactly what the real dockerd passed in the recording', () => {
    const filters = parseFilters(JSON.stringify(recording.filters), EVENT_FILTER_KEYS);
    const passed = recording.unfiltered.filter((e) => eventMatches(filters, e.message));
    const key = (e: RecordedEvent) => `${e.message.Type} ${e.message.Action} ${e.message.Actor.ID}`;
    expect(passed.map(key)).toEqual(recording.filtered.map(key));
  });
});
