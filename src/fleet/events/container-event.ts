import type { FleetEvent } from '../../domain/event.js';

/**
 * One Docker event as the applier reads it. `timeNano` orders a host's events (dockerd's own
 * clock, nanoseconds); a bigint so that its digits survive when the transport keeps them.
 */
export interface ContainerEvent {
  timeNano: bigint;
  /** Epoch ms, as FleetEvent.time. */
  time: number;
  type: string;
  action: string;
  actorId: string;
  attributes: Readonly<Record<string, string>>;
}

/**
 * A FleetEvent for the applier. Pass the message's `timeNano` when the transport has it (as a
 * string or bigint to keep every digit; a number is rounded to ~256 ns); else the ms time stands in.
 */
export function toContainerEvent(e: FleetEvent, timeNano?: bigint | number | string): ContainerEvent {
  let nano: bigint;
  try {
    nano = timeNano === undefined ? BigInt(Math.trunc(e.time)) * 1_000_000n : BigInt(timeNano);
  } catch {
    nano = BigInt(Math.trunc(e.time)) * 1_000_000n;
  }
  return {
    timeNano: nano,
    time: e.time,
    type: e.type,
    action: e.action,
    actorId: e.actorId,
    attributes: e.attributes,
  };
}

/** "health_status: healthy" → "health_status"; "exec_start: sh -c …" → "exec_start". */
export function actionWord(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}
