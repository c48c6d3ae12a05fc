import { containerKey, type Container } from '../../domain/container.js';
import type { ContainerDetails } from '../../domain/details.js';
import { decodeExit, signalProfile } from '../../domain/signals.js';
import { renderModeTable, type ColumnSpec, type TableOptions } from './table.js';

export interface PsFilter {
  host?: string;
  role?: string;
  all: boolean;
}

export function filterContainers(containers: readonly Container[], f: PsFilter): Container[] {
  return containers.filter(
    (c) =>
      (f.all || c.state === 'running') &&
      (f.host === undefined || c.host === f.host) &&
      (f.role === undefined || c.role === f.role),
  );
}

const isExited = (state: string): boolean => state === 'exited' || state === 'dead';

/**
 * How a container stops and how it last ended, from its inspection; nulls when it could not be
 * inspected. `stopTimeout` is in seconds with dockerd's default applied; `exit` only once exited.
 */
export function signalFields(c: Container, d: ContainerDetails | undefined) {
  if (!d) return { stopSignal: null, stopTimeout: null, init: null, exit: null, inspected: false };
  const profile = signalProfile(d);
  const exited = isExited(d.state) || isExited(c.state);
  return {
    stopSignal: profile.stopSignal,
    stopTimeout: profile.stopTimeoutSeconds,
    init: profile.init,
    exit: exited ? { code: d.exitCode, meaning: decodeExit(d.exitCode, d.oomKilled).message } : null,
    inspected: true,
  };
}

/**
 * The same fields from the list alone (no request per container): the exit is decoded from the
 * listed code ("Exited (137) …"), without the OOM flag only an inspection has; the stop signal,
 * timeout and init are not in the list and stay null.
 */
export function listedSignalFields(c: Container) {
  const exited = isExited(c.state) && c.exitCode !== undefined;
  return {
    stopSignal: null,
    stopTimeout: null,
    init: null,
    exit: exited ? { code: c.exitCode, meaning: decodeExit(c.exitCode ?? 0).message } : null,
    inspected: false,
  };
}

/** Where ps --json takes the signal fields from: inspections, or the list alone. */
export type SignalSource = ReadonlyMap<string, ContainerDetails> | 'listed';

/**
 * Stable machine output of `fleetdeck ps --json`; with `signals`, each container gets its signal
 * fields (from inspections, or what the list says). `stale`: its host stopped answering and this
 * is its last known state.
 */
export function psJson(
  containers: readonly Container[],
  signals?: SignalSource,
  staleHosts: ReadonlySet<string> = new Set(),
) {
  return containers.map((c) => ({
    host: c.host,
    id: c.id,
    name: c.name,
    role: c.role,
    image: c.image,
    imageId: c.imageId,
    state: c.state,
    status: c.status,
    health: c.health,
    exitCode: c.exitCode ?? null,
    stale: staleHosts.has(c.host),
    ...(signals === 'listed'
      ? listedSignalFields(c)
      : signals
        ? signalFields(c, signals.get(containerKey(c)))
        : {}),
  }));
}

const PS_COLUMNS: readonly ColumnSpec[] = [
  { header: 'HOST', max: 24, wideMax: 48 },
  { header: 'ID', max: 12, wideMax: 12 },
  { header: 'NAME', max: 40, wideMax: 80 },
  { header: 'ROLE', max: 24, wideMax: 48 },
  { header: 'IMAGE', max: 40, wideMax: 100 },
  { header: 'IMAGE ID', max: 12, wideMax: 12, wideOnly: true },
  { header: 'COMMAND', max: 40, wideMax: 60, wideOnly: true },
  { header: 'PORTS', max: 40, wideMax: 80, wideOnly: true },
  { header: 'STATE', max: 24, wideMax: 24 },
  { header: 'STATUS', max: 40, wideMax: 80 },
];

function portsText(c: Container): string {
  return c.ports
    .map((p) =>
      p.publicPort === undefined
        ? `${p.privatePort}/${p.type}`
        : `${p.ip ?? ''}${p.ip ? ':' : ''}${p.publicPort}->${p.privatePort}/${p.type}`,
    )
    .join(', ');
}

export function psTable(
  containers: readonly Container[],
  opts: TableOptions & { wide?: boolean } = {},
): string {
  const rows = containers.map((c) => [
    c.host,
    c.id.slice(0, 12),
    c.name,
    c.role,
    c.image,
    c.imageId.replace(/^sha256:/, '').slice(0, 12),
    c.command,
    portsText(c),
    c.health === 'none' ? c.state : `${c.state} (${c.health})`,
    c.status,
  ]);
  return renderModeTable(Boolean(opts.wide), PS_COLUMNS, rows, opts);
}

/** `-o name`: `host/name`, the form `logs` and the actions take as a target. */
export function psNames(containers: readonly Container[]): string[] {
  return containers.map((c) => `${c.host}/${c.name}`);
}
