import { describeEventFilter } from '../../../domain/events/event-filter.js';
import { tableLines } from '../../components/table.js';
import { COMMAND_BINDING, FILTER_BINDING } from '../../dashboard/common-bindings.js';
import { countParts, type ViewModule } from '../view-module.js';
import { EVENT_COLUMNS } from './columns.js';
import { historyReachLine } from './history-reach.js';
import { presentEvents } from './present.js';

export const eventsView: ViewModule = {
  name: 'events',
  bindings: [FILTER_BINDING, COMMAND_BINDING],
  frame({ snapshot, filter, state, now, width, theme }) {
    const { eventFilter } = state;
    const rows = presentEvents(snapshot.events, filter, { eventFilter, containers: snapshot.containers });
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => [
        ...(eventFilter ? [describeEventFilter(eventFilter)] : []),
        ...countParts(state.filters.events, total, snapshot.events.length),
      ],
      body: (selected, offset, height) =>
        tableLines({
          columns: EVENT_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: eventFilter ? `no events match ${describeEventFilter(eventFilter)}` : 'no events yet',
        }),
      info: () => historyReachLine(snapshot.historyReach ?? [], now, width, theme),
    };
  },
};
