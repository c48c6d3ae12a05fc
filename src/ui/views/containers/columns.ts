import type { Column } from '../../components/columns.js';
import { IGNORES_STOP_MARK, type ContainerRow, type ContainerSort } from './present.js';

export function containerColumns(sort: ContainerSort | undefined): Column<ContainerRow>[] {
  const mark = (id: string, title: string): string =>
    sort?.column === id ? `${title}${sort.descending ? '↓' : '↑'}` : title;
  return [
    { id: 'host', title: mark('host', 'HOST'), min: 8, max: 12, value: (r) => r.host, priority: 6 },
    {
      id: 'name',
      title: mark('name', 'NAME'),
      min: 12,
      max: 22,
      value: (r) => (r.ignoresStopSignal ? `${r.name} ${IGNORES_STOP_MARK}` : r.name),
      tone: (r) => (r.ignoresStopSignal ? 'status.warn' : 'text.primary'),
      priority: 9,
    },
    { id: 'role', title: mark('role', 'ROLE'), min: 8, max: 14, value: (r) => r.role, priority: 4 },
    { id: 'image', title: mark('image', 'IMAGE'), min: 9, max: 30, value: (r) => r.image, priority: 5 },
    {
      id: 'state',
      title: mark('state', 'STATE'),
      min: 11,
      max: 17,
      // Exited rows add the decoded exit: `exited(137) KILL`, `exited(127) nocmd`.
      value: (r) => (r.exit ? `${r.state} ${r.exit}` : r.state),
      tone: (r) => r.stateTone,
      priority: 9,
    },
    { id: 'uptime', title: 'UP', min: 4, align: 'right', value: (r) => r.uptime, priority: 3 },
    {
      id: 'restarts',
      title: mark('restarts', 'RST'),
      min: 3,
      align: 'right',
      value: (r) => String(r.restarts),
      tone: (r) => (r.restarts > 0 ? 'status.warn' : 'text.dim'),
      priority: 5,
    },
    { id: 'cpu', title: mark('cpu', 'CPU'), min: 6, align: 'right', value: (r) => r.cpu, priority: 7 },
    { id: 'mem', title: mark('mem', 'MEM'), min: 5, align: 'right', value: (r) => r.mem, priority: 7 },
  ];
}
