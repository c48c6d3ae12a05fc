import type { Column } from '../../components/columns.js';
import type { HostRow } from './present.js';

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
