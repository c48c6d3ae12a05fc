import type { HostMutations } from '../docker/mutations/index.js';
import { decodeExit } from '../domain/signals.js';
import { sleep as defaultSleep } from './cancel.js';

export interface ReadyOptions {
  /** Give up after this long (health checks included). */
  timeoutSeconds: number;
  /** Without a health check: how long it must stay running to count as started. */
  runningSeconds: number;
  pollMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type ReadyResult =
  | { ok: true; health: 'healthy' | 'running' }
  | { ok: false; reason: string; logs: string[]; healthOutput?: string };

const LOG_LINES = 10;

/**
 * A health check with no result at all by the deadline never ran. On Podman that is the usual
 * cause: it runs health checks from systemd timers, so a host without systemd never runs them.
 */
async function neverRanHint(m: HostMutations): Promise<string> {
  const engine = await m.engine?.().catch(() => undefined);
  return engine === 'podman'
    ? ` — its health check never ran: Podman on ${m.host} runs health checks from systemd timers, which that host does not run (check \`systemctl list-timers\` there, or run \`podman healthcheck run\` yourself); without them, wait-for-healthy actions cannot succeed on ${m.host}`
    : ' — its health check has not reported once';
}

/**
 * Polls a container until it is healthy (it has a health check) or has stayed running for
 * `runningSeconds` (it has none). Exiting, restarting and turning unhealthy fail at once.
 */
export async function waitReady(m: HostMutations, id: string, opts: ReadyOptions): Promise<ReadyResult> {
  const now = opts.now ?? Date.now;
  const pause = opts.sleep ?? defaultSleep;
  const deadline = now() + opts.timeoutSeconds * 1000;
  let runningSince: number | undefined;
  let startedAt: string | undefined;
  let lastHealth = '';
  const fail = async (reason: string): Promise<ReadyResult> => {
    const logs = await m.logsTail(id, LOG_LINES).catch(() => [] as string[]);
    return { ok: false, reason, logs, ...(lastHealth ? { healthOutput: lastHealth } : {}) };
  };
  for (;;) {
    const d = await m.inspect(id);
    const last = d.healthLog[d.healthLog.length - 1];
    if (last) lastHealth = last.output.trim();
    const where = `${m.host}/${d.name}`;
    if (d.state === 'exited' || d.state === 'dead') {
      return fail(`${where} ${decodeExit(d.exitCode, d.oomKilled).message} instead of staying up`);
    }
    if (d.state === 'restarting') return fail(`${where} is restarting (it keeps exiting)`);
    if (d.health === 'unhealthy')
      // The check's own output is not part of the reason: reasons reach the audit log, it must not.
      return fail(`${where} is unhealthy (its health check fails)`);
    if (d.health === 'healthy') return { ok: true, health: 'healthy' };
    if (d.state === 'running' && d.health === 'none') {
      if (startedAt !== d.startedAt) {
        startedAt = d.startedAt; // restarted by its policy in between: the clock starts again
        runningSince = now();
      }
      if (runningSince !== undefined && now() - runningSince >= opts.runningSeconds * 1000) {
        return { ok: true, health: 'running' };
      }
    }
    if (now() >= deadline) {
      if (d.health !== 'starting')
        return fail(`${where} did not start within ${opts.timeoutSeconds} s (state: ${d.state})`);
      return fail(
        `${where} did not become healthy within ${opts.timeoutSeconds} s (health: starting)` +
          (d.healthLog.length === 0 ? await neverRanHint(m) : ''),
      );
    }
    await pause(opts.pollMs ?? 500, opts.signal);
  }
}
