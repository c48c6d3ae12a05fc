import { utcSeconds } from '../format/utc.js';

export type LogStreamKind = 'stdout' | 'stderr';

/** Where lines come from: one container on one host. `id` is `host/name`, the prefix users see. */
export interface LogSourceRef {
  id: string;
  host: string;
  containerId: string;
  containerName: string;
}

/** One sanitised line of container output, or a notice fleetdeck inserts into the stream. */
export interface LogLine {
  kind: 'line' | 'notice';
  /** `host/name` of the source; notices about the whole view use ''. */
  source: string;
  stream: LogStreamKind;
  /** Nanoseconds since the epoch from Docker's timestamp; undefined when the line had none. */
  tsNs?: bigint;
  /** The timestamp as Docker printed it (RFC3339Nano), '' when absent. */
  ts: string;
  /** Safe to print: no ESC or control characters except tab. */
  text: string;
}

export function sourceIdOf(host: string, containerName: string): string {
  return `${host}/${containerName.replace(/^\//, '')}`;
}

export function noticeLine(source: string, text: string, tsNs?: bigint): LogLine {
  return {
    kind: 'notice',
    source,
    stream: 'stdout',
    tsNs,
    ts: tsNs === undefined ? '' : formatTsNs(tsNs),
    text,
  };
}

/** RFC3339 with 9 fractional digits, UTC, for notices and JSON of lines without a Docker text. */
export function formatTsNs(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n);
  const nanos = (tsNs % 1_000_000_000n).toString().padStart(9, '0');
  return `${utcSeconds(ms)}.${nanos}Z`;
}
