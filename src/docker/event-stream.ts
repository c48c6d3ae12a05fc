import type { Readable } from 'node:stream';
import type { FleetEvent } from '../domain/event.js';
import type { RawEvent } from './api-types.js';
import type { EventStreamOptions, EventSubscription, HostApiError } from './host-api.js';
import { JsonObjectSplitter } from './json-stream.js';
import { mapEvent } from './map-stats.js';

/**
 * The query of GET /events: `since`, and `filters` JSON-encoded as dockerd reads them, so that
 * what the caller does not use (health-check exec_* every few seconds on every checked container,
 * volume mounts and network connects on every start) never crosses the link.
 */
export function eventsQuery(opts: EventStreamOptions): Record<string, string | number> {
  const filters = Object.entries(opts.filters ?? {}).filter(([, values]) => values.length > 0);
  return {
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(filters.length > 0 ? { filters: JSON.stringify(Object.fromEntries(filters)) } : {}),
  };
}

/**
 * Reads a /events response: one FleetEvent per JSON object however it is chunked. `onEnd` fires
 * once when the stream ends or fails (an object past the splitter's cap fails it), never after
 * `close()`.
 */
export function readEventStream(
  host: string,
  stream: Readable,
  onEvent: (e: FleetEvent) => void,
  onEnd: (err?: HostApiError) => void,
  toError: (err: unknown) => HostApiError,
  splitter = new JsonObjectSplitter(),
): EventSubscription {
  let ended = false;
  const end = (err?: HostApiError): void => {
    if (ended) return;
    ended = true;
    onEnd(err);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (ended) return;
    let objects: unknown[];
    try {
      objects = splitter.push(chunk);
    } catch (err) {
      end(toError(err));
      stream.destroy();
      return;
    }
    for (const obj of objects) onEvent(mapEvent(host, obj as RawEvent));
  });
  stream.on('error', (err) => end(toError(err)));
  stream.on('end', () => end());
  stream.on('close', () => end());
  return {
    close: () => {
      ended = true;
      stream.destroy();
    },
  };
}
