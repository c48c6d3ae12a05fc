import type { DockerHostApi } from '../../docker/host-api.js';
import { describeCommandError } from '../../domain/health/command-failure.js';
import type { HostVitals } from '../../domain/health/types.js';
import { hostVitalsCommand } from '../../domain/health/host-commands.js';
import { parseVitalsOutput } from '../../domain/health/vitals.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from './remote-read.js';
import { systemClock, type Clock } from '../../util/clock.js';

export interface CollectVitalsOptions {
  /** Filesystems to report (`df` of each); default the root. */
  paths?: readonly string[];
  timeoutMs?: number;
  clock?: Pick<Clock, 'now'>;
}

/**
 * Load, memory and filesystem space of a remote host with ONE command (one SSH session).
 * Never rejects: what could not be read is listed in `unread`.
 */
export async function collectHostVitals(
  api: DockerHostApi,
  opts: CollectVitalsOptions = {},
): Promise<HostVitals> {
  const clock = opts.clock ?? systemClock;
  const command = hostVitalsCommand(opts.paths ?? ['/']);
  try {
    // Sections are parsed whatever the exit code: a failing df must not hide load and memory.
    const out = await api.runHostCommand(command, {
      timeoutMs: opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    });
    const vitals = parseVitalsOutput(api.name, out.stdout, clock.now());
    const err = out.stderr.trim().split('\n')[0];
    if (out.code !== 0 && err && vitals.unread.length > 0) {
      return { ...vitals, unread: vitals.unread.map((u) => ({ ...u, reason: `${u.reason} (${err})` })) };
    }
    return vitals;
  } catch (err) {
    return {
      host: api.name,
      filesystems: [],
      unread: [{ what: 'host vitals (/proc/loadavg, /proc/meminfo, df)', reason: describeCommandError(err) }],
      checkedAt: clock.now(),
    };
  }
}
