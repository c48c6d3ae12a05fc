export { LogTail, DEFAULT_LINE_CAP, DEFAULT_TAIL, type LogTailOptions } from './log-tail.js';
export type {
  ClosableLogTail,
  LogSourceStatus,
  LogSourceState,
  LogTailReader,
  LogViewSnapshot,
  OpenLogTail,
  ServiceLogRef,
  ReadRecentLogs,
} from './reader.js';
export { logTailOpener } from './open-log-tail.js';
export type { LogSource, LogSourceTarget } from './source-stream.js';
export type { ServiceLogSource } from './service-source.js';
export { saveLogLines } from './save.js';
export { readRecentLines, recentLogReader } from './recent-lines.js';
