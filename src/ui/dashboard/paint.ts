import type { AlertItem } from '../presenters/alerts.js';
import { titleWithAlerts } from '../presenters/alert-line.js';
import type { LocalVitals } from '../types.js';
import { infoLine } from '../views/info-line.js';
import { statusLine } from '../views/status-line.js';
import { isMainView, VIEW_TITLES } from '../views.js';
import type { BindingContext } from './binding.js';
import type { Layout } from './layout.js';
import type { DashboardState } from './state.js';

export interface PaintInput {
  state: DashboardState;
  layout: Layout;
  width: number;
  /** Rows of the whole screen. */
  height: number;
  bindings: BindingContext;
  localVitals?: LocalVitals | undefined;
  filterError?: string | undefined;
  /** The wallboard's alerts, most severe first: the first and their count go on the title line. */
  alerts?: readonly AlertItem[] | undefined;
}

/** The bottom line: prompt, message or key hints. */
export function dashboardStatus(p: PaintInput): string {
  const { state: s } = p;
  return statusLine({
    mode: s.mode,
    input: s.mode === 'filter' && isMainView(s.view) ? s.filters[s.view] : s.input,
    filterError: s.mode === 'filter' ? p.filterError : undefined,
    completions: s.completions,
    message: s.message,
    view: s.view,
    context: p.bindings,
    width: p.width,
    theme: s.theme,
  });
}

/** Every line of the screen but the header (row 0, which ticks with the clock on its own). */
export function dashboardBody(p: PaintInput): string[] {
  const { state: s, layout, width, height } = p;
  const { frame, total, selected, offset } = layout;
  const bodyHeight = layout.info.bodyHeight;
  const parts = [VIEW_TITLES[s.view], ...frame.title(total)];
  if (frame.lines && total > bodyHeight + 1)
    parts.push(`lines ${offset + 1}-${Math.min(total, offset + bodyHeight + 1)} of ${total}`);
  const lines = [
    titleWithAlerts(parts.join(' · '), p.alerts ?? [], width, s.theme),
    ...frame.body(selected, offset, bodyHeight),
  ];
  while (lines.length < height - 3) lines.push('');
  lines.push(infoLine(frame.info?.(selected) ?? '', p.localVitals, width, s.theme));
  lines.push(dashboardStatus(p));
  return lines.slice(0, height - 1);
}
