import type { Column } from '../../components/columns.js';
import { HOSTS_COLUMN, USE_COLUMNS } from '../resources/columns.js';
import type { ImageRow } from './present.js';

export const IMAGE_COLUMNS: readonly Column<ImageRow>[] = [
  { id: 'id', title: 'ID', min: 12, value: (r) => r.id, priority: 9 },
  { id: 'tags', title: 'TAGS', min: 12, max: 24, value: (r) => r.tags, priority: 9 },
  HOSTS_COLUMN,
  { id: 'size', title: 'SIZE', min: 7, align: 'right', value: (r) => r.size, priority: 7 },
  ...USE_COLUMNS,
];
