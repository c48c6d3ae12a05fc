import type { Writable } from 'node:stream';
import { formatLogLineJson, formatLogLineText } from '../../domain/logs/format.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import { compileSearch, lineMatches } from '../../domain/logs/search.js';
import { parseSince } from '../../domain/logs/since.js';
import { LogTail, type LogTailOptions, type LogSource } from '../../fleet/logs/index.js';
import { systemClock, type Clock } from '../../util/clock.js';

export interface LogsCommandDeps {
  /** Containers already resolved from TARGET (see resolveLogTarget), each with its host's gateway. */
  sources: readonly LogSource[];
  /** Where notices (lost hosts, reconnects) go in text mode; stdout stays pure log lines. Default: `out`. */
  err?: Writable;
  /** Aborting stops a `--follow` (SIGINT). */
  signal?: AbortSignal;
  /** Where `--since` and arrival times are read; the system clock unless a test drives one. */
  clock?: Pick<Clock, 'now'>;
  /** Passed through to LogTail (tests shorten backoff and frames). */
  tailOptions?: Pick<LogTailOptions, 'backoff' | 'frameMs' | 'watermarkMs'>;
}

export interface LogsCommandOptions {
  follow: boolean;
  tail?: number | 'all';
  /** DURATION (10m, 1h30m), RFC3339 time, or epoch seconds. */
  since?: string;
  /** Regex; only matching lines are printed. */
  grep?: string;
  ignoreCase?: boolean;
  json: boolean;
  timestamps?: boolean;
}

export class LogsCommandError extends Error {
  override name = 'LogsCommandError';
}

/**
 * `fleetdeck logs`: the merged stream of the sources on `out`, one line (or JSON object) per log
 * line. Resolves to the exit code: 0, or 1 when a source could not be read. Bad options reject
 * with LogsCommandError before anything is opened.
 */
export async function runLogsCommand(
  deps: LogsCommandDeps,
  opts: LogsCommandOptions,
  out: Writable,
): Promise<number> {
  const clock = deps.clock ?? systemClock;
  let since: number | undefined;
  if (opts.since !== undefined) {
    const parsed = parseSince(opts.since, clock.now());
    if (!parsed.ok) throw new LogsCommandError(parsed.error);
    since = parsed.seconds;
  }
  const search = opts.grep
    ? compileSearch({ query: opts.grep, caseInsensitive: opts.ignoreCase ?? false })
    : undefined;
  if (search && !search.ok) throw new LogsCommandError(`--grep: ${search.error}`);
  if (deps.sources.length === 0)
    throw new LogsCommandError('no containers to read logs from — check the target with `fleetdeck ps`');
  if (typeof opts.tail === 'number' && (!Number.isInteger(opts.tail) || opts.tail < 0)) {
    throw new LogsCommandError(`--tail ${opts.tail}: expected a whole number of lines or "all"`);
  }

  const tail = new LogTail(deps.sources, {
    follow: opts.follow,
    tail: opts.tail,
    since,
    clock,
    ...deps.tailOptions,
  });
  const prefixWidth = deps.sources.reduce(
    (w, s) =>
      Math.max(
        w,
        s.host.length + 1 + ('service' in s ? s.service.name : s.container.name.replace(/^\//, '')).length,
      ),
    0,
  );
  const errOut = deps.err ?? out;
  const write = (line: LogLine): void => {
    if (line.kind === 'notice') {
      if (opts.json) out.write(`${formatLogLineJson(line)}\n`);
      else errOut.write(`${formatLogLineText(line, { timestamps: false })}\n`);
      return;
    }
    if (search?.ok && !lineMatches(line.text, search.re)) return;
    out.write(
      `${opts.json ? formatLogLineJson(line) : formatLogLineText(line, { timestamps: opts.timestamps ?? false, prefixWidth })}\n`,
    );
  };
  tail.onBatch((lines) => lines.forEach(write));
  const stop = (): void => tail.close();
  deps.signal?.addEventListener('abort', stop, { once: true });
  tail.start();
  if (deps.signal?.aborted) stop();
  await tail.done;
  deps.signal?.removeEventListener('abort', stop);
  return tail.getSnapshot().sources.some((s) => s.state === 'failed') ? 1 : 0;
}
