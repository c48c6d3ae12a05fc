import type { Column } from '../components/columns.js';
import { IGNORES_STOP_MARK, type ContainerRow, type ContainerSort } from '../presenters/container-rows.js';
import type { EventRow } from '../presenters/events.js';
import type { HostRow } from '../presenters/hosts.js';
import type { RoleRow } from '../presenters/roles.js';

export const HOST_COLUMNS: readonly Column<HostRow>[] = [
  { id: 'name', title: 'HOST', min: 10, max: 16, priority: 9, value: (r) => r.name },
  { id: 'state', title: 'STATE', min: 11, value: (r) => r.state, tone: (r) => r.stateTone, priority: 9 },
  { id: 'since', title: 'SINCE', min: 5, align: 'right', value: (r) => r.since, priority: 5 },
  { id: 'group', title: 'GROUP', min: 6, max: 12, value: (r) => r.group, priority: 2 },
  { id: 'docker', title: 'ENGINE', min: 8, max: 16, value: (r) => r.docker, priority: 4 },
  {
    id: 'driver',
    title: 'STORAGE',
    min: 12,
    max: 18,
    // The health monitor's verdict first (a narrow cell cuts the driver, not the verdict): `crit overlay2`.
    value: (r) => (r.storageVerdict === '-' ? r.storageDriver : `${r.storageVerdict} ${r.storageDriver}`),
    tone: (r) => (r.storageVerdict === '-' ? 'text.primary' : r.storageTone),
    priority: 3,
  },
  { id: 'containers', title: 'CTRS', min: 7, align: 'right', value: (r) => r.containers, priority: 6 },
  { id: 'latency', title: 'PING', min: 6, align: 'right', value: (r) => r.latency, priority: 5 },
  {
    id: 'reason',
    title: 'REASON',
    min: 12,
    max: 200,
    value: (r) => r.reason,
    tone: (r) => r.stateTone,
    priority: 8,
  },
];

export const ROLE_COLUMNS: readonly Column<RoleRow>[] = [
  { id: 'role', title: 'ROLE', min: 10, max: 20, value: (r) => r.role, priority: 9 },
  {
    id: 'replicas',
    title: 'UP',
    min: 7,
    align: 'right',
    value: (r) => `${r.running}/${r.total}`,
    tone: (r) => r.tone,
    priority: 9,
  },
  {
    id: 'health',
    title: 'HEALTH',
    min: 7,
    value: (r) => (r.healthy || r.unhealthy ? `${r.healthy}✓ ${r.unhealthy}✗` : '-'),
    tone: (r) => (r.unhealthy > 0 ? 'status.unhealthy' : 'text.primary'),
    priority: 7,
  },
  { id: 'hosts', title: 'HOSTS', min: 12, max: 30, value: (r) => r.hosts.join(','), priority: 5 },
  { id: 'images', title: 'IMAGE', min: 14, max: 40, value: (r) => r.images.join(','), priority: 6 },
  {
    id: 'drift',
    title: 'DRIFT',
    min: 10,
    max: 60,
    value: (r) =>
      [r.drift, r.ignoringStop > 0 ? `${r.ignoringStop} ignore stop signal` : undefined]
        .filter(Boolean)
        .join('; '),
    tone: () => 'status.warn',
    priority: 8,
  },
];

export function containerColumns(sort: ContainerSort | undefined): Column<ContainerRow>[] {
  const mark = (id: string, title: string): string =>
    sort?.column === id ? `${title}${sort.descending ? '↓' : '↑'}` : title;
  return [
    { id: 'host', title: mark('host', 'HOST'), min: 8, max: 12, value: (r) => r.host, priority: 6 },
    {
      id: 'name',
      title: mark('name', 'NAME'),
      min: 12,
      max: 22,
      value: (r) => (r.ignoresStopSignal ? `${r.name} ${IGNORES_STOP_MARK}` : r.name),
      tone: (r) => (r.ignoresStopSignal ? 'status.warn' : 'text.primary'),
      priority: 9,
    },
    { id: 'role', title: mark('role', 'ROLE'), min: 8, max: 14, value: (r) => r.role, priority: 4 },
    { id: 'image', title: mark('image', 'IMAGE'), min: 9, max: 30, value: (r) => r.image, priority: 5 },
    {
      id: 'state',
      title: mark('state', 'STATE'),
      min: 11,
      max: 17,
      // Exited rows add the decoded exit: `exited(137) KILL`, `exited(127) nocmd`.
      value: (r) => (r.exit ? `${r.state} ${r.exit}` : r.state),
      tone: (r) => r.stateTone,
      priority: 9,
    },
    { id: 'uptime', title: 'UP', min: 4, align: 'right', value: (r) => r.uptime, priority: 3 },
    {
      id: 'restarts',
      title: mark('restarts', 'RST'),
      min: 3,
      align: 'right',
      value: (r) => String(r.restarts),
      tone: (r) => (r.restarts > 0 ? 'status.warn' : 'text.dim'),
      priority: 5,
    },
    { id: 'cpu', title: mark('cpu', 'CPU'), min: 6, align: 'right', value: (r) => r.cpu, priority: 7 },
    { id: 'mem', title: mark('mem', 'MEM'), min: 5, align: 'right', value: (r) => r.mem, priority: 7 },
  ];
}

export const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  { id: 'time', title: 'TIME', min: 8, value: (r) => r.time, tone: () => 'text.dim', priority: 8 },
  { id: 'host', title: 'HOST', min: 8, max: 14, value: (r) => r.host, priority: 9 },
  { id: 'what', title: 'EVENT', min: 16, max: 20, value: (r) => r.what, tone: (r) => r.tone, priority: 9 },
  { id: 'target', title: 'CONTAINER', min: 12, max: 22, value: (r) => r.target, priority: 9 },
  { id: 'detail', title: 'DETAIL', min: 8, max: 200, value: (r) => r.detail, priority: 4 },
];
