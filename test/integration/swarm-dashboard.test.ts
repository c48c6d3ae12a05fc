import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeLab } from '../support/lab.js';
import { REPO_ROOT, run } from '../support/lab-script.js';
import { lineWith, openSwarmDashboard, type SwarmDashboard } from '../support/swarm-dashboard.js';
import { waitUntil } from '../support/wait.js';

const SWARM_SCRIPT = resolve(REPO_ROOT, 'test/lab/swarm.sh');
const WAIT_MS = 120_000;
const WORKER = 'lab-swarm-n2';
/** The info line under :services: the selected service's tasks per node (`lab-swarm-n0 2/2, …`). */
const perNodeLine = (frame: string): string =>
  frame.split('\n').find((l) => /^lab-swarm-n\d \d+\/\d+/.test(l)) ?? '';

/*
 * The lab swarm (test/lab/swarm.sh: three dockerd in network namespaces) in the dashboard: the
 * runtime reads it from one manager and follows its events, the swarm views draw it, their keys
 * act through the executor. n2 is demoted to a worker for the drain (the lab forms 3 managers).
 */
describeLab('the lab swarm in the dashboard (live)', (lab) => {
  const env = { ...process.env, LAB_DIR: lab.labDir };
  const swarm = (args: string[], timeoutMs = 300_000) =>
    run('bash', [SWARM_SCRIPT, ...args], { env, timeoutMs });
  const fleet = join(lab.labDir, 'swarm', 'fleet.yaml');
  const dataDir = mkdtempSync(join(tmpdir(), 'fleetdeck-swarm-dash-cli-'));
  const cli = (args: string[]) =>
    runCli(['--fleet', fleet, ...args], { env: { FLEETDECK_DATA_DIR: dataDir }, timeoutMs: 200_000 });
  const runningTasks = async (service: string): Promise<number> => {
    const r = await swarm([
      'docker',
      '0',
      'service',
      'ps',
      service,
      '-q',
      '--filter',
      'desired-state=running',
    ]);
    return r.stdout.trim() === '' ? 0 : r.stdout.trim().split('\n').length;
  };
  let d: SwarmDashboard | undefined;

  beforeAll(async () => {
    const up = await swarm(['up']);
    if (up.code !== 0) throw new Error(`swarm.sh up failed: ${up.stderr}`);
    for (const s of ['web', 'talk']) await swarm(['docker', '0', 'service', 'rm', s]);
    await swarm(['docker', '0', 'node', 'update', '--availability', 'active', WORKER]);
    const demoted = await swarm(['docker', '0', 'node', 'demote', WORKER]);
    if (demoted.code !== 0) throw new Error(`node demote failed: ${demoted.stderr}`);
    const create = (name: string, replicas: number, cmd: string[]) =>
      swarm([
        'docker',
        '0',
        'service',
        'create',
        '-d',
        '--name',
        name,
        '--replicas',
        String(replicas),
        '--no-resolve-image',
        'tiny:latest',
        ...cmd,
      ]);
    const web = await create('web', 6, ['sleep', '1000000']);
    if (web.code !== 0) throw new Error(`service create web failed: ${web.stderr}`);
    const talk = await create('talk', 2, [
      'sh',
      '-c',
      'i=0; while :; do echo "talk line $i"; i=$((i+1)); sleep 1; done',
    ]);
    if (talk.code !== 0) throw new Error(`service create talk failed: ${talk.stderr}`);
    await waitUntil(async () => (await runningTasks('web')) === 6, 'web to run 6 tasks', WAIT_MS, 1000);
  }, 400_000);

  afterAll(async () => {
    await d?.close();
    await swarm(['docker', '0', 'node', 'update', '--availability', 'active', WORKER]);
    await swarm(['docker', '0', 'node', 'promote', WORKER]);
    await swarm(['down']);
  }, 200_000);

  it('drain of a worker moves its tasks and the dashboard shows it live', async () => {
    d = await openSwarmDashboard(fleet);
    d.command('nodes');
    const before = await d.frameUntil(
      (f) => /lab-swarm-n2\s+worker\s+active\s+ready\s+[1-9]\/[1-9]/.test(lineWith(f, WORKER)),
      `${WORKER} listed as an active worker with its tasks`,
      WAIT_MS,
    );
    expect(lineWith(before, 'lab-swarm-n0')).toMatch(/manager/);
    d.command('services');
    d.ui.stdin.write('G'); // by name: web is the last; the info line has its tasks per node in full
    await d.frameUntil(
      (f) => lineWith(f, 'web').startsWith('>') && new RegExp(`${WORKER} [1-6]/[1-6]`).test(perNodeLine(f)),
      'web with tasks on the worker',
      WAIT_MS,
    );

    d.command('nodes');
    await d.frameUntil((f) => f.includes('Swarm nodes'), 'the nodes view', WAIT_MS);
    d.ui.stdin.write('G'); // the rows are by hostname: the worker is the last
    await d.frameUntil((f) => lineWith(f, WORKER).startsWith('>'), `the cursor on ${WORKER}`, WAIT_MS);
    d.ui.stdin.write('D');
    await d.frameUntil(
      (f) => f.includes(`type the node name "${WORKER}"`),
      'the drain plan asking for the name',
      WAIT_MS,
    );
    expect(lineWith(d.ui.lastFrame() ?? '', 'moves off')).toContain(WORKER);
    d.ui.stdin.write(WORKER);
    d.ui.stdin.write('\r');
    await d.frameUntil((f) => f.includes('✓ done'), 'the drain to be done', WAIT_MS);
    d.ui.stdin.write('\r');
    // Same dashboard, no restart: the node's row follows the manager's events.
    await d.frameUntil(
      (f) => /lab-swarm-n2\s+worker\s+drain\s+ready\s+0\/0/.test(lineWith(f, WORKER)),
      `${WORKER} shown drained with no tasks`,
      WAIT_MS,
    );
    d.command('services');
    d.ui.stdin.write('G');
    const moved = await d.frameUntil(
      (f) =>
        lineWith(f, 'web').startsWith('>') &&
        /6\/6/.test(lineWith(f, 'web')) &&
        !perNodeLine(f).includes(WORKER),
      "web's 6 tasks running on the other nodes",
      WAIT_MS,
    );
    expect(perNodeLine(moved)).toMatch(/^lab-swarm-n0 [1-6]\/[1-6], lab-swarm-n1 [1-6]\/[1-6]/);
  }, 400_000);

  it('service logs from the lab swarm: l on a service row, and fleetdeck logs service:NAME', async () => {
    if (!d) throw new Error('the dashboard did not open');
    d.command('services');
    await d.frameUntil((f) => lineWith(f, 'talk').includes('2/2'), 'talk running 2 tasks', WAIT_MS);
    d.ui.stdin.write('g'); // by name: talk comes before web
    await d.frameUntil((f) => lineWith(f, 'talk').startsWith('>'), 'the cursor on talk', WAIT_MS);
    d.ui.stdin.write('l');
    const logs = await d.frameUntil(
      (f) => /lab-swarm\/talk\.[12]@lab-swarm-n[01]/.test(f) && f.includes('talk line'),
      "talk's lines, each named by its task and node",
      WAIT_MS,
    );
    expect(logs).toContain('Logs · service lab-swarm/talk');
    d.ui.stdin.write('\x1b');

    const r = await cli(['logs', 'service:talk', '--tail', '3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^lab-swarm\/talk\.[12]@lab-swarm-n[0-2] +\| talk line \d+$/);
  }, 300_000);
});
