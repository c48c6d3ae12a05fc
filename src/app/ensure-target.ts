import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { describeMissingTarget, type FleetConfig } from '../config/index.js';
import { EXIT_BAD_INPUT, UserError } from './exit-codes.js';
import { checkoutRoot } from './package-info.js';

/**
 * With no fleet file fleetdeck watches the local Docker socket; when that is missing too, say
 * what was tried and how to go on, instead of showing one unreachable host.
 */
export function ensureSomethingToWatch(config: FleetConfig, env: NodeJS.ProcessEnv): void {
  if (config.file !== undefined) return;
  const only = config.hosts.length === 1 ? config.hosts[0] : undefined;
  if (only?.kind !== 'local' || existsSync(only.socketPath)) return;
  throw new UserError(
    describeMissingTarget({ env, homedir: homedir(), socketPath: only.socketPath, checkout: checkoutRoot() }),
    EXIT_BAD_INPUT,
  );
}
