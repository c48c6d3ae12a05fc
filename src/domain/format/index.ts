/*
 * The one formatting module: bytes (decimal SI), percentages, durations and ages, short container
 * texts. CLI tables, dashboard presenters and health findings all format through here, so the same
 * figure reads the same wherever it is shown. Terminal widths live beside it in ../text/width.ts.
 */
export { formatBytes, formatBytesShort } from './bytes.js';
export { formatPercent, formatPercentCell, percentOf, percentSuffix } from './percent.js';
export { formatDuration, formatTimeOfDay, formatWait } from './duration.js';
export { utcSeconds } from './utc.js';
export { shortId, shortImage, uptimeFromStatus } from './container-text.js';
export { displayWidth, fitToWidth, truncateToWidth } from '../text/width.js';
