import type { ContainerDetails } from '../../../domain/details.js';
import { decodeExit, signalProfile } from '../../../domain/signals.js';
import { shellJoin } from '../../../domain/format/container-text.js';
import { formatDuration, shortId } from '../../presenters/format.js';
import type { RecentLogsState } from '../../hooks/useRecentLogs.js';
import { recentLogsSection } from './present-logs.js';
import { limitsSection, networksSection, portsSection } from './present-runtime.js';
import { maskEnvEntry, maskSecretShapes, maskValue } from '../../../domain/secrets/mask.js';

import type { DetailsSection } from './section.js';

export type { DetailsSection } from './section.js';

const MAX_HEALTH_LOG = 5;

export interface DetailsOptions {
  ignoresStopSignal?: boolean;
  /** The container's last log lines (absent: the section is left out). */
  recentLogs?: RecentLogsState;
}

/** Everything an operator asks about one container, with secret-looking values masked. */
export function presentDetails(
  d: ContainerDetails,
  now: number,
  opts: DetailsOptions = {},
): DetailsSection[] {
  const profile = signalProfile(d);
  const exited = d.state === 'exited' || d.state === 'dead';
  const started = d.startedAt ? Date.parse(d.startedAt) : Number.NaN;
  const uptime = d.state === 'running' && Number.isFinite(started) ? formatDuration(now - started) : '-';
  // A command line can carry a credential too (`psql postgres://u:pw@db`).
  const command = maskSecretShapes(shellJoin([...d.entrypoint, ...d.cmd]) || d.command);
  const sections: DetailsSection[] = [
    {
      title: 'Container',
      lines: [
        ['name', `${d.name.replace(/^\//, '')} (${shortId(d.id)}) on ${d.host}`],
        ['role', d.role],
        ['image', d.image],
        ['image id', d.imageId],
        ['revision', d.revision ?? d.labels['org.opencontainers.image.revision'] ?? '-'],
        ['state', `${d.state}${d.health !== 'none' ? `/${d.health}` : ''}, up ${uptime}, exit ${d.exitCode}`],
        ['command', command || '-'],
      ],
    },
    {
      title: 'Lifecycle',
      lines: [
        [
          'restart',
          `${d.restartPolicy.name || 'no'}${d.restartPolicy.maximumRetryCount ? ` (max ${d.restartPolicy.maximumRetryCount})` : ''}, restarted ${d.restartCount}×`,
        ],
        ['stop signal', `${profile.stopSignal}${profile.stopSignalIsDefault ? ' (default)' : ''}`],
        [
          'stop timeout',
          profile.stopTimeoutIsDefault
            ? `daemon default (${profile.stopTimeoutSeconds}s)`
            : `${profile.stopTimeoutSeconds}s`,
        ],
        ['init', d.init ? 'yes' : 'no'],
        ['PID 1', d.init ? `docker-init, forwarding signals to: ${command || '-'}` : command || '-'],
        ['exit', exited ? decodeExit(d.exitCode, d.oomKilled).message : '- (not exited)'],
        ['oom killed', d.oomKilled ? 'YES' : 'no'],
        [
          'stop verdict',
          opts.ignoresStopSignal
            ? `IGNORES ITS STOP SIGNAL: the last docker stop waited and ended in SIGKILL`
            : 'no forced stop seen',
        ],
        // Why it may sit out its stop signal: only worth the lines once it did.
        ...(opts.ignoresStopSignal ? profile.notes.map((n): [string, string] => ['', n]) : []),
      ],
    },
    ...(opts.recentLogs ? [recentLogsSection(opts.recentLogs)] : []),
    networksSection(d),
    portsSection(d),
    limitsSection(d),
    {
      title: 'Mounts',
      lines: d.mounts.length
        ? d.mounts.map((m) => [m.destination, `${m.type} ${m.name ?? m.source}${m.readWrite ? '' : ' (ro)'}`])
        : [['', 'none']],
    },
    {
      title: 'Labels',
      lines: Object.keys(d.labels).length
        ? Object.entries(d.labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, maskValue(k, v)])
        : [['', 'none']],
    },
    { title: 'Environment', lines: d.env.length ? d.env.map((e) => ['', maskEnvEntry(e)]) : [['', 'none']] },
    {
      title: 'Health log',
      lines: d.healthLog.length
        ? d.healthLog
            .slice(-MAX_HEALTH_LOG)
            .map((h) => [
              `exit ${h.exitCode}`,
              `${h.end || h.start}  ${maskSecretShapes(h.output.trim().replace(/\s+/g, ' '))}`,
            ])
        : [['', 'no health check']],
    },
  ];
  return sections;
}
