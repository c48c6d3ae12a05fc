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
  theme: string;
}

export function settingsFromFile(fleet: FleetFile, homedir: string): FleetSettings {
  return {
    knownHostsFile: expandTilde(fleet.knownHostsFile, homedir),
    hostKeyPolicy: fleet.hostKeyPolicy,
    roleLabel: fleet.roleLabel,
    connect: { ...fleet.connect },
    storage: { ...fleet.storage },
    theme: fleet.theme,
  };
}

/** Settings when there is no fleet file. */
export function defaultSettings(homedir: string): FleetSettings {
  return settingsFromFile(FleetFileSchema.parse({}), homedir);
}
