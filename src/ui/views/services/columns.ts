import type { Column } from '../../components/columns.js';
import type { ServiceRow } from './present.js';

export const SERVICE_COLUMNS: readonly Column<ServiceRow>[] = [
  { id: 'swarm', title: 'SWARM', min: 6, max: 12, value: (r) => r.swarm, priority: 5 },
  { id: 'service', title: 'SERVICE', min: 10, max: 20, value: (r) => r.name, priority: 9 },
  { id: 'mode', title: 'MODE', min: 10, value: (r) => r.mode, priority: 3 },
  {
    id: 'replicas',
    title: 'UP',
    min: 5,
    align: 'right',
    value: (r) => `${r.running}/${r.desired}`,
    tone: (r) => r.tone,
    priority: 9,
  },
  { id: 'image', title: 'IMAGE', min: 12, max: 30, value: (r) => r.image, priority: 6 },
  {
    id: 'update',
    title: 'UPDATE',
    min: 9,
    max: 18,
    value: (r) => r.update,
    tone: (r) => r.updateTone,
    priority: 7,
  },
  {
    id: 'drift',
    title: 'DRIFT',
    min: 8,
    max: 28,
    value: (r) => r.drift,
    tone: () => 'status.warn',
    priority: 8,
  },
  { id: 'nodes', title: 'PER NODE', min: 14, max: 40, value: (r) => r.perNode, priority: 7 },
  {
    id: 'error',
    title: 'LAST ERROR',
    min: 12,
    max: 60,
    value: (r) => r.lastError,
    tone: () => 'status.crit',
    priority: 8,
  },
];
