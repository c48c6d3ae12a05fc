import type { Column } from '../../components/columns.js';
import type { RoleRow } from './present.js';

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
