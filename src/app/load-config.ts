import { homedir } from 'node:os';
import { FleetConfigError, formatIssue, loadFleet, type FleetConfig } from '../config/index.js';
import { EXIT_BAD_INPUT, UserError } from './exit-codes.js';

export interface ConfigFlags {
  fleet?: string;
  context?: string[];
}

/** Loads the fleet; a bad fleet file becomes a UserError (exit 2) listing every issue. */
export async function loadConfig(
  flags: ConfigFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FleetConfig> {
  try {
    return await loadFleet({ fleetFile: flags.fleet, contexts: flags.context, env, homedir: homedir() });
  } catch (err) {
    if (err instanceof FleetConfigError) {
      throw new UserError(err.issues.map(formatIssue).join('\n'), EXIT_BAD_INPUT);
    }
    throw err;
  }
}
