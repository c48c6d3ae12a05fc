import { shellQuote } from '../domain/health/host-commands.js';

export type SocketProbeResult = 'ok' | 'missing' | 'not-socket' | 'denied' | 'unknown';

/**
 * OpenSSH answers a failed direct-streamlocal open with the same "open failed" whether the socket
 * is missing, unreadable, or forwarding is disabled, so a failure is followed by this probe.
 */
export function socketProbeCommand(socketPath: string): string {
  const p = shellQuote(socketPath);
  return `if [ ! -e ${p} ]; then echo missing; elif [ ! -S ${p} ]; then echo not-socket; elif [ ! -r ${p} ] || [ ! -w ${p} ]; then echo denied; else echo ok; fi`;
}

export function readSocketProbe(stdout: string): SocketProbeResult {
  const word = stdout.trim().split('\n').pop()?.trim();
  return word === 'ok' || word === 'missing' || word === 'not-socket' || word === 'denied' ? word : 'unknown';
}
