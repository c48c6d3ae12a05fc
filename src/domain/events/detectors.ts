import type { FleetEvent } from '../event.js';
import { decodeExit, type DecodedExit } from '../signals.js';

/*
 * Alerts from a host's event history (pure: events in, alerts out; no clock — `now` is given).
 * Restart loops, health flaps, OOM kills, and every container exit decoded, for the Events view
 * and the wallboard's alerts strip.
 */

export type AlertKind = 'restart-loop' | 'health-flap' | 'oom-kill' | 'bad-exit';

export interface EventAlert {
  kind: AlertKind;
  severity: 'warn' | 'crit';
  host: string;
  container: string;
  /** Epoch ms of the last event that made it. */
  time: number;
  message: string;
}

export interface DetectorSettings {
  /** A restart loop: at least `restarts` starts after a die within `windowMs`. */
  restarts: number;
  windowMs: number;
  /** A health flap: at least `flaps` healthy⇄unhealthy changes within `windowMs`. */
  flaps: number;
}

export const DEFAULT_DETECTORS: DetectorSettings = { restarts: 3, windowMs: 10 * 60_000, flaps: 3 };

function nameOf(e: FleetEvent): string {
  return e.attributes.name ?? e.actorId.slice(0, 12);
}

/** The exit a `die` event reports, decoded (137 after an `oom` event is an OOM kill). */
export function decodedExitOf(e: FleetEvent, oomBefore = false): DecodedExit | undefined {
  if (e.type !== 'container' || e.action !== 'die') return undefined;
  const code = Number(e.attributes.exitCode);
  return Number.isInteger(code) ? decodeExit(code, oomBefore) : undefined;
}

/** Alerts over the events within `windowMs` before `now`, newest first. */
export function detectAlerts(
  events: readonly FleetEvent[],
  now: number,
  settings: DetectorSettings = DEFAULT_DETECTORS,
): EventAlert[] {
  const from = now - settings.windowMs;
  const byContainer = new Map<string, FleetEvent[]>();
  for (const e of events) {
    if (e.type !== 'container' || e.time < from || e.time > now) continue;
    const key = `${e.host}\u0000${e.actorId}`;
    const list = byContainer.get(key) ?? [];
    list.push(e);
    byContainer.set(key, list);
  }
  const alerts: EventAlert[] = [];
  for (const list of byContainer.values()) {
    list.sort((a, b) => a.time - b.time);
    const last = list[list.length - 1]!;
    const base = { host: last.host, container: nameOf(last) };
    let dies = 0;
    let restarts = 0;
    let flaps = 0;
    let health: string | undefined;
    let oom = false;
    for (const e of list) {
      if (e.action === 'oom') {
        oom = true;
        alerts.push({
          ...base,
          kind: 'oom-kill',
          severity: 'crit',
          time: e.time,
          message: `${base.host}/${base.container}: OOM killed — the memory limit was reached`,
        });
      } else if (e.action === 'die') {
        dies++;
        const exit = decodedExitOf(e, oom);
        oom = false;
        if (exit && exit.kind !== 'ok' && exit.kind !== 'oom-killed') {
          alerts.push({
            ...base,
            kind: 'bad-exit',
            severity: exit.kind === 'signal' ? 'warn' : 'crit',
            time: e.time,
            message: `${base.host}/${base.container}: ${exit.message}`,
          });
        }
      } else if (e.action === 'start' && dies > 0) restarts++;
      else if (e.action.startsWith('health_status')) {
        const state = e.action.split(':')[1]?.trim();
        if ((state === 'healthy' || state === 'unhealthy') && health !== undefined && state !== health)
          flaps++;
        if (state === 'healthy' || state === 'unhealthy') health = state;
      }
    }
    const minutes = Math.round(settings.windowMs / 60_000);
    if (restarts >= settings.restarts) {
      alerts.push({
        ...base,
        kind: 'restart-loop',
        severity: 'crit',
        time: last.time,
        message: `${base.host}/${base.container}: restart loop — ${restarts} restarts in ${minutes} min`,
      });
    }
    if (flaps >= settings.flaps) {
      alerts.push({
        ...base,
        kind: 'health-flap',
        severity: 'warn',
        time: last.time,
        message: `${base.host}/${base.container}: health flapping — ${flaps} changes in ${minutes} min`,
      });
    }
  }
  return alerts.sort((a, b) => b.time - a.time);
}
