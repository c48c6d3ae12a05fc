import type { Column } from '../../components/columns.js';
import type { NodeRow } from './present.js';

export const NODE_COLUMNS: readonly Column<NodeRow>[] = [
  { id: 'swarm', title: 'SWARM', min: 6, max: 12, value: (r) => r.swarm, priority: 6 },
  { id: 'node', title: 'NODE', min: 12, max: 24, value: (r) => r.hostname, priority: 9 },
  { id: 'role', title: 'ROLE', min: 9, value: (r) => r.role, priority: 9 },
  {
    id: 'availability',
    title: 'AVAIL',
    min: 6,
    value: (r) => r.availability,
    tone: (r) => r.availabilityTone,
    priority: 9,
  },
  {
    id: 'status',
    title: 'STATUS',
    min: 7,
    max: 40,
    value: (r) => r.status,
    tone: (r) => r.statusTone,
    priority: 8,
  },
  { id: 'tasks', title: 'TASKS', min: 5, align: 'right', value: (r) => r.tasks, priority: 7 },
  { id: 'engine', title: 'ENGINE', min: 8, max: 12, value: (r) => r.engine, priority: 5 },
  { id: 'host', title: 'HOST', min: 6, max: 16, value: (r) => r.host, priority: 4 },
  { id: 'labels', title: 'LABELS', min: 8, max: 60, value: (r) => r.labels, priority: 2 },
];
