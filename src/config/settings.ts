import type { HostKeyPolicy } from '../domain/host.js';
import type { FleetFile } from './schema.js';
import { FleetFileSchema } from './schema.js';
import { expandTilde } from './paths.js';

/** Fleet-wide settings with every default applied and `~` expanded. */
export interface FleetSettings {
  knownHostsFile: string;
  hostKeyPolicy: HostKeyPolicy;
  roleLabel: string;
  connect: { concurrency: number; timeoutSeconds: number; keepaliveSeconds: number };
  storage: { warnPercent: number; critPercent: number };
  snapshots: SnapshotSettings;
  theme: string;
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

export function settingsFromFile(fleet: FleetFile, homedir: string): FleetSettings {
  return {
    knownHostsFile: expandTilde(fleet.knownHostsFile, homedir),
    hostKeyPolicy: fleet.hostKeyPolicy,
    roleLabel: fleet.roleLabel,
    connect: { ...fleet.connect },
    storage: { ...fleet.storage },
    snapshots: { ...fleet.snapshots, roles: { ...fleet.snapshots.roles } },
    theme: fleet.theme,
  };
}

/** Settings when there is no fleet file. */
export function defaultSettings(homedir: string): FleetSettings {
  return settingsFromFile(FleetFileSchema.parse({}), homedir);
}
