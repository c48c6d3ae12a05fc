import type { Column } from '../../components/columns.js';
import type { ResourceRowBase } from './cells.js';

/** HOSTS (stale mark first, so a cut keeps it), CONTAINERS, CREATED, DANGLING: shared by the three views. */
export const HOSTS_COLUMN: Column<ResourceRowBase> = {
  id: 'hosts',
  title: 'HOSTS',
  min: 12,
  max: 30,
  value: (r) => (r.stale ? `${r.stale} ${r.hosts}` : r.hosts),
  tone: (r) => (r.stale ? 'status.warn' : 'text.primary'),
  // Where it is is what these views are for: widened first, dropped last.
  priority: 10,
};

export const USE_COLUMNS: readonly Column<ResourceRowBase>[] = [
  { id: 'containers', title: 'CONTAINERS', min: 10, align: 'right', value: (r) => r.containers, priority: 7 },
  { id: 'created', title: 'CREATED', min: 7, align: 'right', value: (r) => r.created, priority: 4 },
  {
    id: 'dangling',
    title: 'DANGLING',
    min: 8,
    value: (r) => r.dangling,
    tone: (r) => r.danglingTone,
    priority: 6,
  },
];
