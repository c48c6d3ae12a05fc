import { compileSearch, type CompiledSearch } from '../../domain/logs/search.js';
import type { LogViewSnapshot } from '../../fleet/logs/reader.js';
import { allLines, listOf, matchingSeqs, viewport, type LineList, type Viewport } from './logs-view-model.js';

/** What the user has set in the pane; everything else is derived from it and the snapshot. */
export interface PaneState {
  /** Seq of the bottom row while paused; undefined = following the newest line. */
  anchor: number | undefined;
  /** The search being typed after `/`, undefined when not typing. */
  typing: string | undefined;
  query: string;
  caseInsensitive: boolean;
  filter: boolean;
  timestamps: boolean;
  /** The match n/N moved to. */
  current: number | undefined;
  message: string | undefined;
}

export function initialPaneState(timestamps: boolean): PaneState {
  return {
    anchor: undefined,
    typing: undefined,
    query: '',
    caseInsensitive: true,
    filter: false,
    timestamps,
    current: undefined,
    message: undefined,
  };
}

export interface PaneView {
  search: CompiledSearch | undefined;
  re: RegExp | undefined;
  matches: number[];
  list: LineList;
  view: Viewport;
}

/**
 * Derives what to draw. Matching the whole buffer is the costly part, so the last result is reused
 * while the snapshot and the search are unchanged (a pane renders often while scrolling).
 */
export function createPaneDeriver(): (snap: LogViewSnapshot, state: PaneState, rows: number) => PaneView {
  let cacheKey: { snap: LogViewSnapshot; query: string; ci: boolean } | undefined;
  let cached: { search: CompiledSearch | undefined; matches: number[] } = { search: undefined, matches: [] };
  return (snap, state, rows) => {
    const query = state.typing ?? state.query;
    if (
      !cacheKey ||
      cacheKey.snap !== snap ||
      cacheKey.query !== query ||
      cacheKey.ci !== state.caseInsensitive
    ) {
      const search = compileSearch({ query, caseInsensitive: state.caseInsensitive });
      cached = { search, matches: search?.ok ? matchingSeqs(snap, search.re) : [] };
      cacheKey = { snap, query, ci: state.caseInsensitive };
    }
    const re = cached.search?.ok ? cached.search.re : undefined;
    const list = state.filter && re ? listOf(cached.matches) : allLines(snap);
    return {
      search: cached.search,
      re,
      matches: cached.matches,
      list,
      view: viewport(list, rows, state.anchor),
    };
  };
}
