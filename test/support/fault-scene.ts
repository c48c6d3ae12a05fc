import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFleet, type FleetRuntime } from '../../src/app/runtime.js';
import { loadFleet } from '../../src/config/index.js';
import type { HostStatus } from '../../src/domain/host.js';
import { writeFaultFleet, type FaultFleet } from './fault-fleet.js';
import { FaultProxy, type FaultLink } from './fault-proxy.js';
import { FaultProxyProcess } from './fault-proxy-process.js';
import { LabFaults } from './faults.js';
import type { LabInventory } from './lab-inventory.js';
import { REPO_ROOT, run } from './lab-script.js';
import { removeTempHome, TmuxSession } from './tmux.js';
import { waitUntil } from './wait.js';

/*
 * What the fault suite (tests and bench) looks through while a fault is on:
 *   - the store, in-process: the app runtime (startFleet) over a fleet file where one lab host
 *     is reached through a fault proxy;
 *   - the real dashboard (bin/fleetdeck.js) in tmux on the same fleet file, in its Hosts view;
 *   - `fleetdeck hosts --json` as a fresh process.
 * Waits are on conditions with generous timeouts; how long they took is for the bench to print.
 */

const BIN = resolve(REPO_ROOT, 'bin/fleetdeck.js');
const HOSTS_VIEW = /^Hosts · \d+/m;
const CONTAINERS_VIEW = /^Containers · \d+/m;

export interface FaultSceneOptions {
  /** Lab host reached through the proxy (default: the last). */
  proxied?: number;
  /** Run the proxy as a process of its own (the bench) instead of in this one (tests). */
  proxyProcess?: boolean;
  /** Start the dashboard in tmux (default true). */
  dashboard?: boolean;
  connect?: { timeoutSeconds?: number; keepaliveSeconds?: number };
}

export interface HostsCliResult {
  code: number | null;
  hosts: Array<{ name: string; state: string; reason: { code: string; message: string } | null }>;
  stderr: string;
  ms: number;
}

export class FaultScene {
  private constructor(
    readonly lab: LabInventory,
    readonly dir: string,
    readonly fleet: FaultFleet,
    readonly proxy: FaultLink,
    readonly proxied: number,
    readonly runtime: FleetRuntime,
    readonly faults: LabFaults,
    readonly tmux: TmuxSession | undefined,
    private readonly home: string,
  ) {}

  static async start(lab: LabInventory, opts: FaultSceneOptions = {}): Promise<FaultScene> {
    const proxied = opts.proxied ?? lab.hosts.length - 1;
    const target = lab.hosts[proxied];
    if (target === undefined) throw new Error(`no lab host ${proxied} to put behind the proxy`);
    const dir = mkdtempSync(join(tmpdir(), 'fd-faults-'));
    const home = mkdtempSync(join(tmpdir(), 'fd-faults-home-'));
    const proxy = opts.proxyProcess
      ? await FaultProxyProcess.spawn({ targetPort: target.port })
      : await FaultProxy.start({ targetPort: target.port });
    const fleet = writeFaultFleet(lab, { dir, via: new Map([[proxied, proxy.port]]), connect: opts.connect });
    const config = await loadFleet({ fleetFile: fleet.fleetFile, env: {}, homedir: homedir() });
    const runtime = startFleet(config, { readOnly: true });
    const scene = new FaultScene(
      lab,
      dir,
      fleet,
      proxy,
      proxied,
      runtime,
      new LabFaults(lab),
      opts.dashboard === false ? undefined : await TmuxSession.start({ cwd: REPO_ROOT, env: { HOME: home } }),
      home,
    );
    try {
      if (scene.tmux) {
        await scene.tmux.waitFor(/^\$/m, 15_000, 'the shell prompt');
        await scene.tmux.type(`exec node ${BIN} --fleet ${fleet.fleetFile} --read-only`);
      }
      await scene.waitAllUp(60_000);
    } catch (err) {
      await scene.close();
      throw err;
    }
    return scene;
  }

  hostName(i: number): string {
    const name = this.lab.hosts[i]?.name;
    if (name === undefined) throw new Error(`no lab host ${i}`);
    return name;
  }

  host(name: string): HostStatus | undefined {
    return this.runtime.store.getSnapshot().hosts.find((h) => h.name === name);
  }

  /** Waits until the store's entry for `name` satisfies `test`; returns it. */
  async waitHost(
    name: string,
    test: (h: HostStatus) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<HostStatus> {
    let last: HostStatus | undefined;
    await waitUntil(
      () => {
        last = this.host(name);
        return last !== undefined && test(last);
      },
      what,
      timeoutMs,
      50,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; ${name} in the store: ${JSON.stringify(this.host(name))}`);
    });
    return last!;
  }

  /** Every host up in the store and, when there is a dashboard, on its screen. */
  async waitAllUp(timeoutMs: number): Promise<void> {
    const names = this.lab.hosts.map((h) => h.name);
    await waitUntil(
      () => names.every((n) => this.host(n)?.state === 'up'),
      `every host up in the store (${names.map((n) => `${n}: ${this.host(n)?.state}`).join(', ')})`,
      timeoutMs,
      50,
    );
    const all = names.length;
    await this.tmux?.waitFor(
      (s) => HOSTS_VIEW.test(s) && s.includes(`${all}/${all} up`),
      timeoutMs,
      'every host up on the dashboard',
    );
  }

  /** The state the dashboard's Hosts view shows for `name` (undefined when not on screen). */
  static screenState(screen: string, name: string): string | undefined {
    const row = screen.split('\n').find((l) => l.startsWith(`> ${name} `) || l.startsWith(`  ${name} `));
    return row?.slice(2).trim().split(/\s+/)[1];
  }

  /** Waits until the dashboard shows `name` in a state that satisfies `test`; returns that row. */
  async waitScreenHost(
    name: string,
    test: (state: string) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<string> {
    if (!this.tmux) throw new Error('this scene has no dashboard');
    const screen = await this.tmux.waitFor(
      (s) => {
        const state = FaultScene.screenState(s, name);
        return HOSTS_VIEW.test(s) && state !== undefined && test(state);
      },
      timeoutMs,
      what,
    );
    return screen.split('\n').find((l) => l.slice(2).startsWith(`${name} `)) ?? '';
  }

  /**
   * Presses `3` (Containers) and `1` (Hosts) on the dashboard and waits for each view: the keys
   * are answered. Returns the slower of the two round trips in ms (polled every 10 ms), for the bench.
   */
  async answerKeys(timeoutMs = 20_000): Promise<number> {
    const tmux = this.tmux;
    if (!tmux) throw new Error('this scene has no dashboard');
    let slowest = 0;
    for (const [key, view, what] of [
      ['3', CONTAINERS_VIEW, 'the Containers view after 3'],
      ['1', HOSTS_VIEW, 'the Hosts view after 1'],
    ] as const) {
      const started = performance.now();
      await tmux.keys(key);
      let screen = '';
      await waitUntil(async () => view.test((screen = await tmux.screen())), what, timeoutMs, 10).catch(
        (err: unknown) => {
          throw new Error(`${String(err)}; screen:\n${screen}`);
        },
      );
      slowest = Math.max(slowest, performance.now() - started);
    }
    return Math.round(slowest);
  }

  /**
   * Records every state other than `up` that the store shows for the hosts `names` from now
   * until `stop()`, which returns them (`lab-0: unreachable (…)`).
   */
  watchStates(names: readonly string[]): { stop(): string[] } {
    const seen: string[] = [];
    const check = (): void => {
      for (const h of this.runtime.store.getSnapshot().hosts) {
        if (!names.includes(h.name) || h.state === 'up') continue;
        const entry = `${h.name}: ${h.state}${h.problem ? ` (${h.problem.message})` : ''}`;
        if (!seen.includes(entry)) seen.push(entry);
      }
    };
    check();
    const unsubscribe = this.runtime.store.subscribe(check);
    return {
      stop: () => {
        unsubscribe();
        check();
        return seen;
      },
    };
  }

  /** Names of the lab's hosts other than `name`. */
  othersThan(name: string): string[] {
    return this.lab.hosts.map((h) => h.name).filter((n) => n !== name);
  }

  /**
   * Creates a container on host i behind fleetdeck's back and waits until the store lists it
   * (the host's event stream and re-list still work), then removes it. Returns the ms it took.
   */
  async probeListing(i: number, timeoutMs = 30_000): Promise<number> {
    const host = this.lab.hosts[i]!;
    const name = `fault-probe-${Date.now()}`;
    const docker = (args: string[]) =>
      run('docker', ['-H', `unix://${host.dockerSocket}`, ...args], { timeoutMs: 60_000 });
    const started = performance.now();
    const created = await docker(['create', '--name', name, '--network', 'none', 'tiny:latest', 'true']);
    if (created.code !== 0) throw new Error(`docker create on ${host.name}: ${created.stderr}`);
    try {
      await waitUntil(
        () =>
          this.runtime.store.getSnapshot().containers.some((c) => c.host === host.name && c.name === name),
        `${host.name}/${name} listed in the store`,
        timeoutMs,
        50,
      );
      return Math.round(performance.now() - started);
    } finally {
      await docker(['rm', '-f', name]);
    }
  }

  /** `fleetdeck hosts --json` on the scene's fleet file, as a fresh process. */
  async hostsCli(timeoutMs = 90_000): Promise<HostsCliResult> {
    const started = performance.now();
    const result = await run(process.execPath, [BIN, 'hosts', '--json', '--fleet', this.fleet.fleetFile], {
      env: { ...process.env, HOME: this.home },
      timeoutMs,
    });
    const ms = Math.round(performance.now() - started);
    let hosts: HostsCliResult['hosts'] = [];
    try {
      hosts = JSON.parse(result.stdout) as HostsCliResult['hosts'];
    } catch {
      // Left empty: the caller's assertion shows stdout/stderr.
    }
    return { code: result.code, hosts, stderr: result.stderr, ms };
  }

  async close(): Promise<void> {
    const steps: Array<() => Promise<unknown>> = [
      () => this.faults.undoAll(),
      () => this.proxy.passThrough(),
      async () => this.tmux?.kill(),
      () => this.runtime.close(),
      () => this.proxy.close(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((err: unknown) => failures.push(err));
    rmSync(this.dir, { recursive: true, force: true });
    removeTempHome(this.home);
    if (failures.length > 0) throw new Error(`closing the fault scene: ${failures.map(String).join('; ')}`);
  }
}
