import type { Column } from '../../components/columns.js';
import type { TaskRow } from './present.js';

export const TASK_COLUMNS: readonly Column<TaskRow>[] = [
  { id: 'task', title: 'TASK', min: 10, max: 28, value: (r) => r.name, priority: 9 },
  { id: 'node', title: 'NODE', min: 10, max: 24, value: (r) => r.node, priority: 9 },
  { id: 'state', title: 'STATE', min: 8, value: (r) => r.state, tone: (r) => r.stateTone, priority: 9 },
  { id: 'desired', title: 'DESIRED', min: 8, value: (r) => r.desired, priority: 7 },
  { id: 'age', title: 'SINCE', min: 5, align: 'right', value: (r) => r.age, priority: 6 },
  { id: 'image', title: 'IMAGE', min: 12, max: 30, value: (r) => r.image, priority: 5 },
  { id: 'message', title: 'MESSAGE', min: 12, max: 80, value: (r) => r.message, priority: 8 },
];
