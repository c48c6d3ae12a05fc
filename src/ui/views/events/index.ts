import { tableLines } from '../../components/table.js';
import { COMMAND_BINDING, FILTER_BINDING } from '../../dashboard/common-bindings.js';
import { countParts, type ViewModule } from '../view-module.js';
import { EVENT_COLUMNS } from './columns.js';
import { presentEvents } from './present.js';

export const eventsView: ViewModule = {
  name: 'events',
  bindings: [FILTER_BINDING, COMMAND_BINDING],
  frame({ snapshot, filter, state, width, theme }) {
    const rows = presentEvents(snapshot.events, filter);
    return {
      rowKeys: rows.map((r) => r.key),
      title: (total) => countParts(state.filters.events, total, snapshot.events.length),
      body: (selected, offset, height) =>
        tableLines({
          columns: EVENT_COLUMNS,
          rows,
          selected,
          offset,
          height,
          width,
          theme,
          empty: 'no events yet',
        }),
    };
  },
};
