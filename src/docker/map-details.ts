import type { HealthState, PortBinding } from '../domain/container.js';
import type { ContainerDetails, MountInfo } from '../domain/details.js';
import { roleOf } from '../domain/role.js';
import type { RawInspect } from './api-types.js';
import { containerStateOf } from './map-container.js';
import { attachmentsOf, limitsOf } from './map-limits.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';
const REVISION_LABEL = 'org.opencontainers.image.revision';

function time(t: string | undefined): string | undefined {
  return t && t !== ZERO_TIME ? t : undefined;
}

function words(v: string[] | string | null | undefined): string[] {
  if (v === null || v === undefined) return [];
  return typeof v === 'string' ? [v] : v;
}

function healthOf(status: string | undefined): HealthState {
  return status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none';
}

function portsOf(raw: RawInspect): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [spec, bindings] of Object.entries(raw.NetworkSettings?.Ports ?? {})) {
    const [port, type = 'tcp'] = spec.split('/');
    const privatePort = Number(port);
    if (!bindings?.length) out.push({ privatePort, type });
    for (const b of bindings ?? []) {
      out.push({
        privatePort,
        type,
        ...(b.HostPort ? { publicPort: Number(b.HostPort) } : {}),
        ...(b.HostIp ? { ip: b.HostIp } : {}),
      });
    }
  }
  return out;
}

/** A status text like the list's, for details fetched without a list entry. */
function statusText(state: string, exitCode: number, health: HealthState): string {
  const suffix = health === 'none' ? '' : health === 'starting' ? ' (health: starting)' : ` (${health})`;
  if (state === 'running') return `Up${suffix}`;
  if (state === 'exited') return `Exited (${exitCode})`;
  return state.charAt(0).toUpperCase() + state.slice(1);
}

/** GET /containers/{id}/json as domain ContainerDetails. */
export function mapDetails(host: string, raw: RawInspect, roleLabel?: string): ContainerDetails {
  const name = (raw.Name ?? '').replace(/^\//, '') || (raw.Id ?? '').slice(0, 12);
  const labels = raw.Config?.Labels ?? {};
  const st = raw.State ?? {};
  const state = containerStateOf(st.Status);
  const health = healthOf(st.Health?.Status);
  const exitCode = st.ExitCode ?? 0;
  const mounts: MountInfo[] = (raw.Mounts ?? []).map((m) => ({
    type: m.Type ?? 'bind',
    ...(m.Name ? { name: m.Name } : {}),
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    readWrite: m.RW ?? true,
  }));
  const startedAt = time(st.StartedAt);
  const finishedAt = time(st.FinishedAt);
  const revision = labels[REVISION_LABEL];
  return {
    host,
    id: raw.Id ?? '',
    name,
    role: roleOf(name, labels, roleLabel),
    image: raw.Config?.Image ?? '',
    imageId: raw.Image ?? '',
    command: [raw.Path ?? '', ...(raw.Args ?? [])].filter((w) => w !== '').join(' '),
    created: raw.Created ? Math.floor(Date.parse(raw.Created) / 1000) : 0,
    state,
    status: statusText(state, exitCode, health),
    health,
    exitCode,
    labels,
    ports: portsOf(raw),
    createdAt: raw.Created ?? '',
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    oomKilled: st.OOMKilled ?? false,
    restartCount: raw.RestartCount ?? 0,
    restartPolicy: {
      name: raw.HostConfig?.RestartPolicy?.Name || 'no',
      maximumRetryCount: raw.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    ...(raw.Config?.StopSignal !== undefined && raw.Config.StopSignal !== ''
      ? { stopSignal: String(raw.Config.StopSignal) }
      : {}),
    ...(raw.Config?.StopTimeout !== undefined ? { stopTimeout: raw.Config.StopTimeout } : {}),
    init: raw.HostConfig?.Init ?? false,
    entrypoint: words(raw.Config?.Entrypoint),
    cmd: words(raw.Config?.Cmd),
    pid: st.Pid ?? 0,
    tty: raw.Config?.Tty ?? false,
    env: raw.Config?.Env ?? [],
    mounts,
    healthLog: (st.Health?.Log ?? []).map((l) => ({
      start: l.Start ?? '',
      end: l.End ?? '',
      exitCode: l.ExitCode ?? 0,
      output: l.Output ?? '',
    })),
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
    attachments: attachmentsOf(raw),
    limits: limitsOf(raw),
    ...(revision ? { revision } : {}),
  };
}
