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
      return fail(
        d.health === 'starting'
          ? `${where} did not become healthy within ${opts.timeoutSeconds} s (health: starting)`
          : `${where} did not start within ${opts.timeoutSeconds} s (state: ${d.state})`,
      );
    }
    await pause(opts.pollMs ?? 500, opts.signal);
  }
}
