import type { Container } from '../../../domain/container.js';
import { containerKey } from '../../../domain/container.js';
import type { FleetEvent } from '../../../domain/event.js';
import { decodeExit } from '../../../domain/signals.js';
import type { ContainerUsage } from '../../../fleet/snapshot.js';
import type { ThemeToken } from '../../../theme/index.js';
import type { CompiledFilter } from '../../presenters/filter.js';
import { formatBytes, formatPercent, shortImage, uptimeFromStatus } from '../../presenters/format.js';
import { restartCounts, restartsOf } from '../../presenters/restarts.js';

export interface ContainerRow {
  key: string;
  host: string;
  id: string;
  name: string;
  role: string;
  image: string;
  /** "running", "running/unhealthy", "exited(137)"… */
  state: string;
  stateTone: ThemeToken;
  uptime: string;
  /** Restarts seen in the store's recent-events window (the list API does not give a count). */
  restarts: number;
  cpu: string;
  mem: string;
  cpuValue: number;
  memValue: number;
  /** Exited containers: what the exit code means (`KILL`, `TERM`, `nocmd`…); else empty. */
  exit: string;
  /** The last docker stop of this container ended in SIGKILL: it ignores its stop signal. */
  ignoresStopSignal: boolean;
  /** `stale 40s`: its host stopped answering; this is the last known state. */
  stale?: string | undefined;
}

export interface ContainerScope {
  host?: string | undefined;
  role?: string | undefined;
  state?: string | undefined;
}

export const CONTAINER_SORT_COLUMNS = [
  'host',
  'name',
  'role',
  'image',
  'state',
  'restarts',
  'cpu',
  'mem',
] as const;
export type ContainerSortColumn = (typeof CONTAINER_SORT_COLUMNS)[number];

export interface ContainerSort {
  column: ContainerSortColumn;
  descending: boolean;
}

export function stateTone(c: Pick<Container, 'state' | 'health' | 'exitCode'>): ThemeToken {
  if (c.health === 'unhealthy') return 'status.unhealthy';
  switch (c.state) {
    case 'running':
      return c.health === 'starting' ? 'status.starting' : 'status.healthy';
    case 'restarting':
    case 'dead':
      return 'status.crit';
    case 'paused':
    case 'created':
    case 'removing':
      return 'status.warn';
    case 'exited':
      return c.exitCode !== undefined && c.exitCode !== 0 ? 'status.crit' : 'status.stopped';
  }
}

export function stateText(c: Pick<Container, 'state' | 'health' | 'exitCode'>): string {
  if (c.state === 'exited' && c.exitCode !== undefined) return `exited(${c.exitCode})`;
  if (c.health !== 'none') return `${c.state}/${c.health}`;
  return c.state;
}

/** Fits the STATE cell after `exited(N) `; plain errors (1, 2…) and 0 need no word. */
const EXIT_WORDS: Partial<Record<string, string>> = {
  'oom-killed': 'OOM',
  'docker-failed': 'start',
  'not-executable': 'perm',
  'not-found': 'nocmd',
};

/**
 * What an exit code means, in a word for the table (`KILL`, `TERM`, `nocmd`…); '' when not exited
 * or nothing to decode. Details spells it out (`killed by SIGKILL (137)`).
 */
export function exitText(c: Pick<Container, 'state' | 'exitCode'>): string {
  if ((c.state !== 'exited' && c.state !== 'dead') || c.exitCode === undefined) return '';
  const d = decodeExit(c.exitCode);
  return d.signal?.replace(/^SIG/, '') ?? EXIT_WORDS[d.kind] ?? '';
}

/** Appended to a container's name when it ignores its stop signal. */
export const IGNORES_STOP_MARK = '⚑';

export function presentContainer(
  c: Container,
  usage: ContainerUsage | undefined,
  restarts: number,
  ignoresStopSignal = false,
): ContainerRow {
  const key = containerKey(c);
  return {
    key,
    host: c.host,
    id: c.id,
    name: c.name.replace(/^\//, ''),
    role: c.role,
    image: shortImage(c.image),
    state: stateText(c),
    stateTone: stateTone(c),
    uptime: c.state === 'running' ? uptimeFromStatus(c.status) : '-',
    restarts,
    cpu: c.state === 'running' ? formatPercent(usage?.cpuPercent) : '-',
    mem: c.state === 'running' && usage ? formatBytes(usage.memBytes) : '-',
    cpuValue: usage?.cpuPercent ?? -1,
    memValue: usage?.memBytes ?? -1,
    exit: exitText(c),
    ignoresStopSignal,
  };
}

// Intl.Collator#compare orders as String#localeCompare does, without its per-call set-up.
const collator = new Intl.Collator();

function compareRows(a: ContainerRow, b: ContainerRow, column: ContainerSortColumn): number {
  switch (column) {
    case 'restarts':
      return a.restarts - b.restarts;
    case 'cpu':
      return a.cpuValue - b.cpuValue;
    case 'mem':
      return a.memValue - b.memValue;
    default:
      return collator.compare(a[column], b[column]);
  }
}

export interface PresentContainersInput {
  containers: readonly Container[];
  usage: ReadonlyMap<string, ContainerUsage>;
  events: readonly FleetEvent[];
  scope?: ContainerScope | undefined;
  filter?: CompiledFilter | undefined;
  sort?: ContainerSort | undefined;
  /** containerKey()s that ignore their stop signal (from the store). */
  ignoresStopSignal?: ReadonlySet<string> | undefined;
}

export function matchesScope(c: Container, scope: ContainerScope | undefined): boolean {
  if (!scope) return true;
  if (scope.host && c.host !== scope.host) return false;
  if (scope.role && c.role !== scope.role) return false;
  if (scope.state && c.state !== scope.state && !(scope.state === c.health)) return false;
  return true;
}

interface PresentedRow {
  usage: ContainerUsage | undefined;
  restarts: number;
  ignoresStopSignal: boolean;
  row: ContainerRow;
  /** What the `/` filter matches against. */
  haystack: string;
}

// Rows of the last presentation, per container object (the store keeps a container's object until
// it changes): a stats sample of one container re-presents that row, not the whole fleet's.
const presented = new WeakMap<Container, PresentedRow>();

function presentedRow(
  c: Container,
  last: PresentedRow | undefined,
  usage: ContainerUsage | undefined,
  restarts: number,
  ignoresStopSignal: boolean,
): PresentedRow {
  if (
    last &&
    last.usage === usage &&
    last.restarts === restarts &&
    last.ignoresStopSignal === ignoresStopSignal
  )
    return last;
  const row = presentContainer(c, usage, restarts, ignoresStopSignal);
  const haystack = `${row.host} ${row.name} ${row.role} ${row.image} ${row.state}`;
  const next = { usage, restarts, ignoresStopSignal, row, haystack };
  presented.set(c, next);
  return next;
}

/** Scoped, filtered and sorted rows. Ties keep the store's order (host order, then name). */
export function presentContainers(input: PresentContainersInput): ContainerRow[] {
  const restarts = restartCounts(input.events);
  const rows: ContainerRow[] = [];
  const { containers } = input;
  // Indexed: this runs over the whole fleet on every data frame, and for-of allocated an
  // iterator result per container here.
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (!c || !matchesScope(c, input.scope)) continue;
    const last = presented.get(c);
    const key = last?.row.key ?? containerKey(c);
    const { row, haystack } = presentedRow(
      c,
      last,
      input.usage.get(key),
      restartsOf(restarts, c),
      input.ignoresStopSignal?.has(key) ?? false,
    );
    if (input.filter && !input.filter.test(haystack)) continue;
    rows.push(row);
  }
  const sort = input.sort;
  if (sort) {
    const indexed = rows.map((row, index) => ({ row, index }));
    indexed.sort((a, b) => {
      const c = compareRows(a.row, b.row, sort.column);
      return (sort.descending ? -c : c) || a.index - b.index;
    });
    return indexed.map((x) => x.row);
  }
  return rows;
}
