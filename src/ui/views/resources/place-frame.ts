import { COMMAND_BINDING } from '../../dashboard/common-bindings.js';
import type { KeyBinding } from '../../dashboard/binding.js';
import type { ResourceLoad } from '../../hooks/useResources.js';
import { staleMarks } from '../../presenters/stale.js';
import type { ResourceView } from '../../views.js';
import { pageFrame, type FrameInput, type ViewFrame } from '../view-module.js';
import { refreshBinding } from './bindings.js';
import { goneLines, placesLines, type PlacesPage } from './places.js';
import { loadParts } from './status.js';

/** The keys of a places page: `r` reads again, Esc (common) goes back to the list. */
export function placeBindings(kind: ResourceView): readonly KeyBinding[] {
  return [COMMAND_BINDING, refreshBinding(kind)];
}

/**
 * The page of the row opened with Enter (`state.resource`), from the latest read of its kind:
 * it follows refreshes, and says so when the row is gone.
 */
export function placeFrame<Row>(
  input: FrameInput,
  load: ResourceLoad<Row> | undefined,
  keyOf: (row: Row) => string,
  page: (row: Row) => Omit<PlacesPage, 'unreachable' | 'stale'>,
  name: (key: string) => string,
): ViewFrame {
  const { state, width, theme, now, snapshot } = input;
  const key = state.resource ?? '';
  const row = load?.listing?.rows.find((r) => keyOf(r) === key);
  const lines = row
    ? placesLines(
        {
          ...page(row),
          unreachable: load?.listing?.unreachable ?? [],
          stale: staleMarks(snapshot.hosts, now),
        },
        width,
        theme,
      )
    : goneLines(name(key), width, theme);
  return pageFrame(lines, [name(key), ...(load ? loadParts(load, now) : [])]);
}
