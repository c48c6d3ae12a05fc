import type { FleetEvent } from '../event.js';
import type { DecodedExit } from '../signals.js';
import { decodedExitOf } from './detectors.js';

/** A decoded exit in a few words, for a cell: `exit 143 SIGTERM`, `exit 137 OOM killed`. */
export function exitText(exit: DecodedExit): string {
  switch (exit.kind) {
    case 'ok':
      return 'exit 0';
    case 'oom-killed':
      return `exit ${exit.code} OOM killed`;
    case 'signal':
      // Without an `oom` event before it a 137 is a SIGKILL: docker kill, a stop timeout — or an
      // OOM kill whose event the daemon did not send (cgroup v2 on some kernels).
      return exit.signal === 'SIGKILL' ? `exit ${exit.code} SIGKILL/OOM` : `exit ${exit.code} ${exit.signal}`;
    case 'docker-failed':
      return `exit ${exit.code} docker run failed`;
    case 'not-executable':
      return `exit ${exit.code} not executable`;
    case 'not-found':
      return `exit ${exit.code} command not found`;
    case 'error':
      return `exit ${exit.code}`;
  }
}

/**
 * The decoded exit of every `die` in a newest-first list: a die whose container had an `oom` event
 * just before it (since its previous start) is an OOM kill.
 */
export function decodedExits(events: readonly FleetEvent[]): Map<FleetEvent, DecodedExit> {
  const out = new Map<FleetEvent, DecodedExit>();
  // Oldest first, remembering per container whether an oom came since its last start or die.
  const oomSince = new Set<string>();
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== 'container') continue;
    const key = `${e.host}\u0000${e.actorId}`;
    if (e.action === 'oom') oomSince.add(key);
    else if (e.action === 'start') oomSince.delete(key);
    else if (e.action === 'die') {
      const exit = decodedExitOf(e, oomSince.has(key));
      if (exit) out.set(e, exit);
      oomSince.delete(key);
    }
  }
  return out;
}
