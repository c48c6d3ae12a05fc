import type { Column } from '../../components/columns.js';
import { HOSTS_COLUMN, USE_COLUMNS } from '../resources/columns.js';
import type { NetworkRow } from './present.js';

export const NETWORK_COLUMNS: readonly Column<NetworkRow>[] = [
  { id: 'name', title: 'NAME', min: 12, max: 36, value: (r) => r.name, priority: 9 },
  { id: 'driver', title: 'DRIVER', min: 7, max: 10, value: (r) => r.driver, priority: 5 },
  { id: 'scope', title: 'SCOPE', min: 6, value: (r) => r.scope, priority: 3 },
  HOSTS_COLUMN,
  ...USE_COLUMNS,
];
