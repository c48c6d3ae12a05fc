import { readFileSync } from 'node:fs';
import type { LabInventory } from './lab-inventory.js';
import { run, runLabScript } from './lab-script.js';

/*
 * Real faults on lab hosts, through test/lab/lab.sh verbs, each remembered with its undo so a
 * test's teardown puts the lab back whatever happened (`undoAll`). A frozen (SIGSTOPped) dockerd
 * is also thawed when the process exits, even on a crash: a stopped daemon would hang every later
 * test and `lab.sh down`.
 */

const frozenPids = new Set<number>();
let exitHookInstalled = false;

function thawOnExit(pid: number): void {
  frozenPids.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of frozenPids) {
      try {
        process.kill(p, 'SIGCONT');
      } catch {
        // Already gone.
      }
    }
  });
}

function pidIn(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${file}: no pid`);
  return pid;
}

export class LabFaults {
  private readonly undos: Array<{ what: string; undo: () => Promise<void> }> = [];

  constructor(private readonly lab: LabInventory) {}

  private async verb(...args: string[]): Promise<void> {
    const result = await runLabScript(this.lab.labDir, this.lab.portBase, args, 120_000);
    if (result.code !== 0) {
      throw new Error(`lab.sh ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
    }
  }

  private name(i: number): string {
    return this.lab.hosts[i]?.name ?? `host ${i}`;
  }

  /** Runs `undo` at most once: now if the test calls it, else in undoAll. */
  private remember(what: string, undo: () => Promise<void>): () => Promise<void> {
    let done = false;
    const entry = {
      what,
      undo: async () => {
        if (done) return;
        done = true;
        await undo();
      },
    };
    this.undos.push(entry);
    return entry.undo;
  }

  /** Kills host i's sshd and every session (clients see their connection drop). Undo starts it. */
  async killSshd(i: number): Promise<() => Promise<void>> {
    await this.verb('sshd-stop', String(i));
    return this.remember(`start ${this.name(i)}'s sshd`, () => this.verb('sshd-start', String(i)));
  }

  /**
   * SIGKILLs host i's dockerd: no clean shutdown, its socket file stays behind. Undo restarts it
   * and starts again the containers that were running (without live-restore a restarted dockerd
   * leaves them exited — the daemon's doing, not fleetdeck's).
   */
  async killDockerd(i: number): Promise<() => Promise<void>> {
    const running = await this.runningIds(i);
    await this.verb('fault-dockerd-kill', String(i));
    return this.remember(`restart ${this.name(i)}'s dockerd`, async () => {
      await this.verb('dockerd-start', String(i));
      if (running.length > 0) await this.docker(i, ['start', ...running]);
    });
  }

  /** SIGSTOPs host i's dockerd: SSH works, its socket accepts, nothing ever answers. Undo: SIGCONT. */
  async freezeDockerd(i: number): Promise<() => Promise<void>> {
    const host = this.lab.hosts[i];
    if (host === undefined) throw new Error(`no lab host ${i}`);
    const pid = pidIn(host.dockerdPidFile);
    thawOnExit(pid);
    await this.verb('fault-dockerd-freeze', String(i));
    return this.remember(`thaw ${this.name(i)}'s dockerd`, async () => {
      await this.verb('fault-dockerd-thaw', String(i));
      frozenPids.delete(pid);
    });
  }

  /** Gives host i's sshd a new host key (restarting it, dropping sessions). Undo puts the old key back. */
  async changeHostKey(i: number): Promise<() => Promise<void>> {
    await this.verb('fault-hostkey-change', String(i));
    return this.remember(`restore ${this.name(i)}'s host key`, () =>
      this.verb('fault-hostkey-restore', String(i)),
    );
  }

  /** Any fault defined elsewhere (a proxy's stall…), undone with the others. */
  track(what: string, undo: () => Promise<void>): () => Promise<void> {
    return this.remember(what, undo);
  }

  /** Undoes every fault still on, newest first; tries them all and reports every failure. */
  async undoAll(): Promise<void> {
    const failures: string[] = [];
    for (const entry of this.undos.splice(0).reverse()) {
      await entry.undo().catch((err: unknown) => failures.push(`${entry.what}: ${String(err)}`));
    }
    if (failures.length > 0) throw new Error(`undoing faults failed:\n${failures.join('\n')}`);
  }

  private docker(i: number, args: readonly string[]) {
    const host = this.lab.hosts[i];
    if (host === undefined) throw new Error(`no lab host ${i}`);
    return run('docker', ['-H', `unix://${host.dockerSocket}`, ...args], { timeoutMs: 60_000 });
  }

  private async runningIds(i: number): Promise<string[]> {
    const ps = await this.docker(i, ['ps', '-q', '--no-trunc']);
    return ps.stdout.split('\n').filter((l) => l.trim() !== '');
  }
}

/** Every container of the lab's hosts as each daemon reports it (straight to its socket). */
export type ContainerCensus = ReadonlyMap<string, { host: string; name: string; state: string }>;

export async function takeCensus(lab: LabInventory, indexes?: readonly number[]): Promise<ContainerCensus> {
  const census = new Map<string, { host: string; name: string; state: string }>();
  for (const i of indexes ?? lab.hosts.map((_, j) => j)) {
    const host = lab.hosts[i]!;
    const ps = await run(
      'docker',
      [
        '-H',
        `unix://${host.dockerSocket}`,
        'ps',
        '-a',
        '--no-trunc',
        '--format',
        '{{.ID}} {{.Names}} {{.State}}',
      ],
      { timeoutMs: 60_000 },
    );
    if (ps.code !== 0) throw new Error(`docker ps on ${host.name} failed: ${ps.stderr}`);
    for (const line of ps.stdout.split('\n')) {
      const [id, name, state] = line.trim().split(' ');
      if (id && name && state) census.set(`${host.name}/${id}`, { host: host.name, name, state });
    }
  }
  return census;
}

export interface CensusChange {
  /** In `before`, gone from `after`. */
  lost: string[];
  /** Paused in `after`. */
  paused: string[];
}

export function compareCensus(before: ContainerCensus, after: ContainerCensus): CensusChange {
  const label = (key: string) => `${key.split('/')[0]}/${before.get(key)?.name ?? after.get(key)?.name}`;
  return {
    lost: [...before.keys()].filter((k) => !after.has(k)).map(label),
    paused: [...after.entries()].filter(([, c]) => c.state === 'paused').map(([k]) => label(k)),
  };
}
