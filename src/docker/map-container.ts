import type { Container, ContainerState, HealthState, PortBinding } from '../domain/container.js';
import { roleOf } from '../domain/role.js';
import type { RawContainer, RawPort } from './api-types.js';

const STATES: readonly ContainerState[] = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
];

export function containerStateOf(state: string | undefined): ContainerState {
  const s = (state ?? '').toLowerCase() as ContainerState;
  return STATES.includes(s) ? s : 'dead';
}

/** Health as the list's status text tells it: "Up 3 minutes (healthy)", "(health: starting)". */
export function healthFromStatus(status: string): HealthState {
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

/** "Exited (137) 2 hours ago" → 137. */
export function exitCodeFromStatus(status: string): number | undefined {
  const m = /^Exited \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : undefined;
}

function mapPort(p: RawPort): PortBinding {
  return {
    privatePort: p.PrivatePort ?? 0,
    ...(p.PublicPort !== undefined ? { publicPort: p.PublicPort } : {}),
    ...(p.IP ? { ip: p.IP } : {}),
    type: p.Type ?? 'tcp',
  };
}

/** One entry of GET /containers/json as a domain Container. */
export function mapContainer(host: string, raw: RawContainer, roleLabel?: string): Container {
  const name = (raw.Names?.[0] ?? raw.Id?.slice(0, 12) ?? '').replace(/^\//, '');
  const labels = raw.Labels ?? {};
  const status = raw.Status ?? '';
  const exitCode = exitCodeFromStatus(status);
  return {
    host,
    id: raw.Id ?? '',
    name,
    role: roleOf(name, labels, roleLabel),
    image: raw.Image ?? '',
    imageId: raw.ImageID ?? '',
    command: raw.Command ?? '',
    created: raw.Created ?? 0,
    state: containerStateOf(raw.State),
    status,
    health: healthFromStatus(status),
    ...(exitCode !== undefined ? { exitCode } : {}),
    labels,
    ports: (raw.Ports ?? []).map(mapPort),
  };
}
