/**
 * Semantic colour tokens. Components ask for a meaning ("status.unreachable"), never a colour,
 * so one theme file restyles the whole dashboard.
 */
export const THEME_TOKENS = [
  'text.primary',
  'text.dim',
  'accent',
  'border',
  'header.fg',
  'header.bg',
  'tab.active',
  'selection.fg',
  'selection.bg',
  'alert.fg',
  'alert.bg',
  'status.up',
  'status.connecting',
  'status.degraded',
  'status.unreachable',
  'status.healthy',
  'status.unhealthy',
  'status.starting',
  'status.stopped',
  'status.warn',
  'status.crit',
  'spark.cpu',
  'spark.mem',
  // Logs view: a palette sources are spread over (each keeps its colour), stderr, search matches
  // (a background), and the notices fleetdeck inserts (reconnects, drops).
  'log.source1',
  'log.source2',
  'log.source3',
  'log.source4',
  'log.source5',
  'log.source6',
  'log.stderr',
  'log.match',
  'log.notice',
] as const;

export type ThemeToken = (typeof THEME_TOKENS)[number];

export const DEFAULT_THEME_NAME = 'dark';
export const BUILTIN_THEME_NAMES = ['dark', 'light', 'high-contrast', 'mono'] as const;
