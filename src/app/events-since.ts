import type { FleetSettings } from '../config/settings.js';
import { parseSpan } from '../domain/events/history.js';
import { EXIT_BAD_INPUT, UserError } from './exit-codes.js';

/**
 * How far back the dashboard reads each daemon's events: `--events-since` wins over the fleet
 * file's `eventsSince`; neither set, undefined (the runtime's 15 minutes).
 */
export function eventsHistoryMs(
  flag: string | undefined,
  settings: Pick<FleetSettings, 'eventsSinceMs'>,
): number | undefined {
  if (flag === undefined) return settings.eventsSinceMs;
  const ms = parseSpan(flag);
  if (ms === undefined)
    throw new UserError(`--events-since takes a span like 15m, 1h30m or 0 (got "${flag}")`, EXIT_BAD_INPUT);
  return ms;
}
