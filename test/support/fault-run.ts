import type { HostStatus } from '../../src/domain/host.js';
import type { FaultScene, HostsCliResult } from './fault-scene.js';
import { compareCensus, takeCensus } from './faults.js';

/*
 * One fault, start to end, as the fault suite runs it (tests assert its outcome, the bench prints
 * its figures): every host up → fault on → the host is marked (store, screen, `fleetdeck hosts`)
 * → while it is on, the dashboard answers keys and another host keeps listing → fault undone →
 * the host is back on all three → no other host left `up` meanwhile, no container lost or paused.
 * Each step records how long it took, or why it did not happen; nothing here throws for a step.
 */

export interface Step {
  /** ms from the fault (or its undo) until the step held; undefined when it did not. */
  ms?: number;
  error?: string;
}

export type HostsEntry = HostsCliResult['hosts'][number];

export interface FaultSpec {
  /** The lab host the fault hits. */
  index: number;
  /** Puts the fault on; resolves with its undo. */
  inject(): Promise<() => Promise<void>>;
  /**
   * What "marked" means in the store (e.g. unreachable with connection-refused); undefined for a
   * fault the host must ride out, staying up.
   */
  marked?: (h: HostStatus) => boolean;
  /** The state the dashboard must show for the host while the fault is on (default: not up). */
  screenMarked?: (state: string) => boolean;
  /** Run `fleetdeck hosts` while the fault is on and after (default true). */
  cli?: boolean;
  /**
   * More checks while the fault is on (after detection, or after the host's own listing for a
   * fault it rides out — so they may cut its link); their failure is the `whileOn` step.
   */
  whileOn?: () => Promise<void>;
  /** Bound of every wait. */
  waitMs: number;
}

export interface FaultOutcome {
  host: string;
  /** Steps not run (no detection for a fault the host rides out, no CLI when not asked) are undefined. */
  detect: { store?: Step; screen?: Step; cli?: Step };
  /** The store's entry for the host once first marked, and what `fleetdeck hosts` said. */
  markedAs?: HostStatus;
  /** The store's entry just before the fault was undone (the state it settled in). */
  settledAs?: HostStatus;
  cliSaid?: HostsEntry & { code: number | null };
  /** For a fault the host rides out: a container created on it is listed over the bad link. */
  selfListing?: Step;
  whileOn?: Step;
  keys: Step;
  /** A container created on another host while the fault is on shows up in the store. */
  othersListing?: Step;
  recover: { store: Step; screen: Step; cli?: Step };
  /** Non-up states seen for other hosts (and for the host itself when it must stay up). */
  disturbed: string[];
  lost: string[];
  paused: string[];
}

async function step(t0: number, work: () => Promise<unknown>): Promise<Step> {
  try {
    await work();
    return { ms: Math.round(performance.now() - t0) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Reruns `fleetdeck hosts` until `test` holds for the host or `until` (performance.now) passes. */
async function cliUntil(
  scene: FaultScene,
  name: string,
  test: (state: string) => boolean,
  until: number,
): Promise<HostsEntry & { code: number | null }> {
  for (;;) {
    const result = await scene.hostsCli(Math.round(Math.max(30_000, until - performance.now() + 30_000)));
    const entry = result.hosts.find((h) => h.name === name);
    if (entry && test(entry.state)) return { ...entry, code: result.code };
    if (performance.now() > until) {
      throw new Error(
        `fleetdeck hosts: ${name} ${entry?.state ?? 'missing'} (exit ${result.code}) ${result.stderr}`,
      );
    }
  }
}

export async function runFault(scene: FaultScene, spec: FaultSpec): Promise<FaultOutcome> {
  const name = scene.hostName(spec.index);
  const other = scene.lab.hosts.findIndex((_, i) => i !== spec.index && i !== scene.proxied);
  const cli = spec.cli ?? true;
  const wait = spec.waitMs;
  const up = (state: string) => state === 'up';
  const skipped = undefined;
  await scene.waitAllUp(wait);
  const before = await takeCensus(scene.lab);
  const watch = scene.watchStates(scene.othersThan(name));
  // A fault the host must ride out: it stays up, and keeps listing, until whileOn (which may cut).
  const self = spec.marked ? undefined : scene.watchStates([name]);
  const outcome: Partial<FaultOutcome> = { host: name };

  let selfDisturbed: string[] = [];
  const t0 = performance.now();
  const undo = await spec.inject();
  try {
    const marked = spec.marked;
    const screenMarked = spec.screenMarked ?? ((state: string) => !up(state));
    const [store, screen, cliStep] = marked
      ? await Promise.all([
          step(
            t0,
            async () => (outcome.markedAs = await scene.waitHost(name, marked, 'the host marked', wait)),
          ),
          step(t0, () => scene.waitScreenHost(name, screenMarked, `${name} marked on the dashboard`, wait)),
          cli
            ? step(t0, async () => (outcome.cliSaid = await cliUntil(scene, name, (s) => !up(s), t0 + wait)))
            : skipped,
        ])
      : [skipped, skipped, skipped];
    outcome.detect = { store, screen, cli: cliStep };
    if (self) {
      outcome.selfListing = await step(performance.now(), () => scene.probeListing(spec.index, wait));
      selfDisturbed = self.stop();
    }
    outcome.whileOn = spec.whileOn ? await step(performance.now(), spec.whileOn) : skipped;
    outcome.keys = await step(performance.now(), () => scene.answerKeys(wait));
    outcome.othersListing =
      other >= 0 ? await step(performance.now(), () => scene.probeListing(other, wait)) : skipped;
  } finally {
    // Whatever failed above, the fault comes off before anything else is judged.
    outcome.settledAs = scene.host(name);
    const t1 = performance.now();
    await undo();
    const [store, screen, cliStep] = await Promise.all([
      step(t1, () => scene.waitHost(name, (h) => up(h.state), `${name} back up`, wait)),
      step(t1, () => scene.waitScreenHost(name, up, `${name} back up on the dashboard`, wait)),
      cli ? step(t1, () => cliUntil(scene, name, up, t1 + wait)) : skipped,
    ]);
    outcome.recover = { store, screen, cli: cliStep };
  }
  outcome.disturbed = [...selfDisturbed, ...watch.stop()];
  const change = compareCensus(before, await takeCensus(scene.lab));
  return { ...(outcome as FaultOutcome), lost: change.lost, paused: change.paused };
}
