import type { Container } from '../../domain/container.js';
import type { DockerHostApi } from '../../docker/host-api.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import { LogTail } from './log-tail.js';
import type { ReadRecentLogs } from './reader.js';

/** Past this a details screen shows the error instead of waiting on a daemon that does not answer. */
const RECENT_LOGS_TIMEOUT_MS = 10_000;

/**
 * The last lines of one container, read once (no follow) through the same tail as the Logs view:
 * a channel on the host's SSH connection, demultiplexed, sanitised, timestamps parsed.
 */
export async function readRecentLines(
  api: DockerHostApi,
  container: Container,
  lines: number,
  timeoutMs = RECENT_LOGS_TIMEOUT_MS,
): Promise<LogLine[]> {
  const tail = new LogTail([{ host: container.host, api, container }], { follow: false, tail: lines });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([tail.start().done.then(() => 'done' as const), timedOut]);
    if (outcome === 'timeout')
      throw new Error(
        `${container.host}: the logs of ${container.name} did not answer within ${timeoutMs / 1000} s`,
      );
    const snap = tail.getSnapshot();
    const failed = snap.sources.find((s) => s.state === 'failed');
    if (failed)
      throw new Error(failed.message ?? `${container.host}: cannot read the logs of ${container.name}`);
    const out: LogLine[] = [];
    for (let seq = snap.startSeq; seq < snap.endSeq; seq++) {
      const line = snap.line(seq);
      if (line?.kind === 'line') out.push(line);
    }
    return out.slice(-lines);
  } finally {
    clearTimeout(timer);
    tail.close();
  }
}

/** The dashboard's reader of a container's last lines, over the fleet's gateways. */
export function recentLogReader(apis: ReadonlyMap<string, DockerHostApi>): ReadRecentLogs {
  return (container, lines) => {
    const api = apis.get(container.host);
    if (!api) return Promise.reject(new Error(`${container.host}: not in the fleet any more`));
    return readRecentLines(api, container, lines);
  };
}
