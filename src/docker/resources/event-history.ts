import type { FleetEvent } from '../../domain/event.js';
import type { RawEvent } from '../api-types.js';
import type { DockerHostApi } from '../host-api.js';
import { JsonObjectSplitter } from '../json-stream.js';
import { mapEvent } from '../map-stats.js';
import { getJson } from './read.js';

/**
 * A daemon's recorded events between `since` and `until` (epoch seconds): `GET /events` with both
 * bounds is a finite answer (the daemon keeps its last 256 or so events in memory, so this is
 * small), read whole and split into its JSON objects.
 */
export async function readEventHistory(
  api: DockerHostApi,
  sinceSeconds: number,
  untilSeconds: number,
): Promise<FleetEvent[]> {
  const body = await getJson(
    api,
    `/events?since=${Math.floor(sinceSeconds)}&until=${Math.ceil(untilSeconds)}`,
  );
  if (body === undefined || body === null || body === '') return [];
  // One event parses as an object; several arrive as concatenated objects, left as text.
  const objects =
    typeof body === 'string' ? new JsonObjectSplitter().push(body) : Array.isArray(body) ? body : [body];
  return objects.map((o) => mapEvent(api.name, o as RawEvent));
}
