/** config/: where the fleet file is, what it says, and which hosts that means. */
export { loadFleet, fleetFromFile, type FleetConfig, type LoadFleetOptions } from './load-fleet.js';
export {
  snapshotDefaultsFor,
  type FleetSettings,
  type SnapshotDefaults,
  type SnapshotSettings,
} from './settings.js';
export { shellFor, type RoleSettings } from './role-settings.js';
export { FleetConfigError, formatIssue, type ConfigIssue } from './fleet-config-error.js';
export {
  locateFleetFile,
  configDir,
  dataDir,
  expandTilde,
  type Env,
  type FleetFileLocation,
} from './paths.js';
export { describeMissingTarget } from './missing-target.js';
export { parseFleetText, readFleetFile, type ParsedFleetFile } from './parse-fleet.js';
export {
  listDockerContexts,
  dockerConfigDir,
  contextMetaFile,
  type DockerContext,
} from './docker-contexts.js';
export { SshConfigResolver, type ResolvedSsh } from './ssh/resolve-ssh.js';
export { execRunner, type CommandRunner, type CommandResult } from './ssh/run-command.js';
