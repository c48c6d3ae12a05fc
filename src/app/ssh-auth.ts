import type { FleetConfig } from '../config/index.js';
import { planAuth, type AuthSources } from '../ssh/auth.js';
import { endpointFromHostSpec } from '../ssh/endpoint.js';
import { IdentityKeys } from '../ssh/identity-keys.js';
import { terminalPassphrases } from './passphrase-prompt.js';

let processAuth: AuthSources | undefined;

/**
 * The process's SSH credentials, like ssh-agent one per session: $SSH_AUTH_SOCK, and identity
 * files whose passphrases are asked once on the terminal (only when stdin is one) and kept in
 * memory, never on disk. Every pool of the process shares it.
 */
export function processSshAuth(): AuthSources {
  processAuth ??= {
    agentSocket: process.env.SSH_AUTH_SOCK,
    keys: new IdentityKeys({
      passphrases: terminalPassphrases({ stdinIsTTY: Boolean(process.stdin.isTTY) }),
    }),
  };
  return processAuth;
}

/**
 * Asks, before anything connects (and before the dashboard takes the screen), for the
 * passphrase of every encrypted key the fleet's hosts and jump hosts would use and the agent does
 * not hold. Connecting later finds them unlocked, so no prompt eats a connect deadline.
 */
export async function unlockSshKeys(
  config: FleetConfig,
  auth: AuthSources = processSshAuth(),
): Promise<void> {
  const seen = new Set<string>();
  for (const spec of config.hosts) {
    if (spec.kind !== 'ssh') continue;
    const endpoint = endpointFromHostSpec(spec);
    const hops = endpoint.route.kind === 'jump' ? endpoint.route.hops : [];
    for (const server of [...hops, endpoint]) {
      const key = JSON.stringify([server.identityFiles, server.identityAgent ?? '']);
      if (seen.has(key)) continue;
      seen.add(key);
      await planAuth(server, auth);
    }
  }
}
