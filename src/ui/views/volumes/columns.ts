import type { Column } from '../../components/columns.js';
import { HOSTS_COLUMN, USE_COLUMNS } from '../resources/columns.js';
import type { VolumeRow } from './present.js';

export const VOLUME_COLUMNS: readonly Column<VolumeRow>[] = [
  { id: 'name', title: 'NAME', min: 12, max: 40, value: (r) => r.name, priority: 9 },
  { id: 'driver', title: 'DRIVER', min: 6, max: 10, value: (r) => r.driver, priority: 3 },
  HOSTS_COLUMN,
  { id: 'size', title: 'SIZE', min: 7, align: 'right', value: (r) => r.size, priority: 7 },
  ...USE_COLUMNS,
];
