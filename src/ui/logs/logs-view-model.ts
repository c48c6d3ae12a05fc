import { lineMatches } from '../../domain/logs/search.js';
import type { LogViewSnapshot } from '../../fleet/logs/reader.js';

/** The lines a view can show, as seqs: every held line, or only the matching ones in filter mode. */
export interface LineList {
  count: number;
  seqAt(index: number): number;
  /** Index of the last seq <= `seq`, or -1 when every seq is later. */
  indexAtOrBefore(seq: number): number;
}

export function allLines(snap: LogViewSnapshot): LineList {
  const start = snap.startSeq;
  const count = snap.endSeq - start;
  return {
    count,
    seqAt: (i) => start + i,
    indexAtOrBefore: (seq) => Math.min(count - 1, seq - start),
  };
}

export function listOf(seqs: readonly number[]): LineList {
  return {
    count: seqs.length,
    seqAt: (i) => seqs[i] ?? -1,
    indexAtOrBefore: (seq) => {
      let lo = 0;
      let hi = seqs.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((seqs[mid] ?? 0) <= seq) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    },
  };
}

/** Seqs of the log lines (not notices) matching `re`, oldest first. */
export function matchingSeqs(snap: LogViewSnapshot, re: RegExp): number[] {
  const out: number[] = [];
  for (let seq = snap.startSeq; seq < snap.endSeq; seq++) {
    const line = snap.line(seq);
    if (line && line.kind === 'line' && lineMatches(line.text, re)) out.push(seq);
  }
  return out;
}

export interface Viewport {
  /** Seqs to draw, top to bottom. */
  seqs: number[];
  /** Index in the list of the bottom row, -1 when the list is empty. */
  bottomIndex: number;
  /** Lines after the bottom row (what arrived while paused or scrolled back). */
  below: number;
}

/** The `rows` lines ending at the anchor (a seq), or at the newest line when following. */
export function viewport(list: LineList, rows: number, anchorSeq: number | undefined): Viewport {
  if (list.count === 0 || rows <= 0) return { seqs: [], bottomIndex: -1, below: 0 };
  let bottom = anchorSeq === undefined ? list.count - 1 : list.indexAtOrBefore(anchorSeq);
  // Anchor trimmed away by the line cap: stay on the oldest page still held.
  if (bottom < Math.min(rows, list.count) - 1) bottom = Math.min(rows, list.count) - 1;
  const top = Math.max(0, bottom - rows + 1);
  const seqs: number[] = [];
  for (let i = top; i <= bottom; i++) seqs.push(list.seqAt(i));
  return { seqs, bottomIndex: bottom, below: list.count - 1 - bottom };
}

/** The anchor after scrolling `delta` rows (negative = back in time) from `bottomIndex`. */
export function scrolledAnchor(
  list: LineList,
  bottomIndex: number,
  delta: number,
  rows: number,
): number | undefined {
  if (list.count === 0) return undefined;
  const minBottom = Math.min(rows, list.count) - 1;
  const idx = Math.max(minBottom, Math.min(list.count - 1, bottomIndex + delta));
  return list.seqAt(idx);
}

/** The anchor that shows `seq` about in the middle of the page. */
export function anchorShowing(list: LineList, seq: number, rows: number): number | undefined {
  const idx = list.indexAtOrBefore(seq);
  if (idx < 0) return undefined;
  return list.seqAt(Math.min(list.count - 1, idx + Math.floor(rows / 2)));
}

export function sourceWidth(snap: LogViewSnapshot): number {
  return snap.sources.reduce((w, s) => Math.max(w, s.id.length), 0);
}
