import type { HostStateKind } from '../../../domain/host.js';
import type { ThemeToken } from '../../../theme/index.js';

export interface HostRow {
  key: string;
  name: string;
  group: string;
  state: HostStateKind;
  stateTone: ThemeToken;
  /** Why it is not up; when up, a warning (⚠) if one applies (host key checking off), else empty. */
  reason: string;
  since: string;
  /** The engine and its version: `Docker 20.10.24`, `Podman 4.3.1`. */
  docker: string;
  storageDriver: string;
  /** Last storage-health verdict (`ok`, `warn`, `crit`; `?` appended when something could not be read). */
  storageVerdict: string;
  storageTone: ThemeToken;
  containers: string;
  latency: string;
  /** A Swarm node that is no `hosts:` entry (read from its managers, not over SSH). */
  node?: { swarm: string; id: string; hostname: string };
}

export const HOST_STATE_TONE: Record<HostStateKind, ThemeToken> = {
  up: 'status.up',
  connecting: 'status.connecting',
  degraded: 'status.degraded',
  unreachable: 'status.unreachable',
};
