import type { FleetEvent } from '../../../src/domain/event.js';
import { localFixture } from './docker-info-fixtures.js';

interface RawEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

/** A `docker events --format '{{json .}}'` recording, as the gateway hands events to fleet/. */
export function recordedEvents(name: string, host = 'lab-0'): FleetEvent[] {
  return localFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as RawEvent;
      return {
        host,
        time: raw.timeNano !== undefined ? Math.floor(raw.timeNano / 1e6) : raw.time * 1000,
        type: raw.Type,
        action: raw.Action,
        actorId: raw.Actor.ID,
        attributes: raw.Actor.Attributes ?? {},
      };
    });
}
