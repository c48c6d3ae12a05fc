import type { Column } from '../../components/columns.js';
import type { EventRow } from './present.js';

export const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  { id: 'time', title: 'TIME', min: 8, value: (r) => r.time, tone: () => 'text.dim', priority: 8 },
  { id: 'host', title: 'HOST', min: 8, max: 14, value: (r) => r.host, priority: 9 },
  { id: 'what', title: 'EVENT', min: 16, max: 20, value: (r) => r.what, tone: (r) => r.tone, priority: 9 },
  { id: 'target', title: 'CONTAINER', min: 12, max: 22, value: (r) => r.target, priority: 9 },
  // The role is the first to go on a narrow terminal: the decoded exit matters more.
  { id: 'role', title: 'ROLE', min: 6, max: 12, value: (r) => r.role, priority: 3 },
  { id: 'detail', title: 'DETAIL', min: 8, max: 200, value: (r) => r.detail, priority: 4 },
];
