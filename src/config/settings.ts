import type { HostKeyPolicy } from '../domain/host.js';
import type { FleetFile } from './schema.js';
import { FleetFileSchema } from './schema.js';
import { resolve } from 'node:path';
import { expandTilde } from './paths.js';
import type { RoleSettings } from './role-settings.js';
import { parseSpan } from '../domain/events/history.js';

/** Fleet-wide settings with every default applied and `~` expanded. */
export interface FleetSettings {
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
  /** `ssh -F`: the ssh_config to read instead of ~/.ssh/config. */
  sshConfig?: string;
  /** Which SSH settings the fleet file itself sets: those win over ~/.ssh/config. */
  setInFile: {
    knownHostsFile: boolean;
    hostKeyPolicy: boolean;
    timeoutSeconds: boolean;
    keepaliveSeconds: boolean;
  };
  roleLabel: string;
  connect: {
    /** Unset: adaptive (ssh/start-limiter). */
    concurrency?: number;
    timeoutSeconds: number;
    keepaliveSeconds: number;
  };
  storage: { warnPercent: number; critPercent: number };
  snapshots: SnapshotSettings;
  /** Per role: the shell `e` opens. */
  roles: Record<string, RoleSettings>;
  theme: string;
  /** The fleet file's `eventsSince` in ms (0: no history); unset: the dashboard's default. */
  eventsSinceMs?: number;
}

export interface SnapshotDefaults {
  pre?: string;
  post?: string;
  keep?: number;
}

/** Fleet-wide snapshot defaults and per-role ones (a role's own values win). */
export interface SnapshotSettings extends SnapshotDefaults {
  roles: Record<string, SnapshotDefaults>;
}

/** The snapshot defaults for one role: its own entry over the fleet-wide ones. */
export function snapshotDefaultsFor(settings: SnapshotSettings, role: string): SnapshotDefaults {
  const { roles, ...fleetWide } = settings;
  return { ...fleetWide, ...roles[role] };
}

const DEFAULTS = { knownHostsFile: '~/.ssh/known_hosts', timeoutSeconds: 10, keepaliveSeconds: 15 };

/** `fleetDir`: where the fleet file is, for a relative sshConfig path. */
export function settingsFromFile(fleet: FleetFile, homedir: string, fleetDir?: string): FleetSettings {
  const { timeoutSeconds, keepaliveSeconds, concurrency } = fleet.connect;
  return {
    knownHostsFile: expandTilde(fleet.knownHostsFile ?? DEFAULTS.knownHostsFile, homedir),
    hostKeyPolicy: fleet.hostKeyPolicy ?? 'strict',
    ...(fleet.sshConfig !== undefined
      ? { sshConfig: resolve(fleetDir ?? '.', expandTilde(fleet.sshConfig, homedir)) }
      : {}),
    setInFile: {
      knownHostsFile: fleet.knownHostsFile !== undefined,
      hostKeyPolicy: fleet.hostKeyPolicy !== undefined,
      timeoutSeconds: timeoutSeconds !== undefined,
      keepaliveSeconds: keepaliveSeconds !== undefined,
    },
    roleLabel: fleet.roleLabel,
    connect: {
      ...(concurrency !== undefined ? { concurrency } : {}),
      timeoutSeconds: timeoutSeconds ?? DEFAULTS.timeoutSeconds,
      keepaliveSeconds: keepaliveSeconds ?? DEFAULTS.keepaliveSeconds,
    },
    storage: { ...fleet.storage },
    snapshots: { ...fleet.snapshots, roles: { ...fleet.snapshots.roles } },
    roles: { ...fleet.roles },
    theme: fleet.theme,
    ...(fleet.eventsSince !== undefined ? { eventsSinceMs: parseSpan(fleet.eventsSince) ?? 0 } : {}),
  };
}

/** Settings when there is no fleet file. */
export function defaultSettings(homedir: string): FleetSettings {
  return settingsFromFile(FleetFileSchema.parse({}), homedir);
}
