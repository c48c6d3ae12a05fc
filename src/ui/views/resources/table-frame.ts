import type { Column } from '../../components/columns.js';
import { tableLines } from '../../components/table.js';
import type { ResourceLoad } from '../../hooks/useResources.js';
import type { ResourceView } from '../../views.js';
import { countParts, type FrameInput, type ViewFrame } from '../view-module.js';
import type { ResourceRowBase } from './cells.js';
import { emptyText, loadParts, problemInfo } from './status.js';

export interface ResourceTable<Row extends ResourceRowBase> {
  kind: ResourceView;
  load: ResourceLoad<unknown>;
  rows: readonly Row[];
  /** Rows before the filter. */
  all: number;
  columns: readonly Column<Row>[];
  /** The info line for the row under the cursor. */
  info(row: Row): string;
}

/** The list frame the three resource views share: table, title with freshness, per-host problems. */
export function resourceTableFrame<Row extends ResourceRowBase>(
  input: FrameInput,
  t: ResourceTable<Row>,
): ViewFrame {
  const { state, width, theme, now } = input;
  const { rows } = t;
  return {
    rowKeys: rows.map((r) => r.key),
    title: (total) => [...countParts(state.filters[t.kind], total, t.all), ...loadParts(t.load, now)],
    body: (selected, offset, height) =>
      tableLines({
        columns: t.columns,
        rows,
        selected,
        offset,
        height,
        width,
        theme,
        empty: emptyText(t.kind, t.load, input.resources !== undefined),
      }),
    info: (i) => {
      const row = rows[i];
      return problemInfo(t.load, theme, row ? t.info(row) : '');
    },
  };
}
