import type { Container } from '../../domain/container.js';
import { containerKey } from '../../domain/container.js';
import { maskSecretShapes } from '../../domain/secrets/mask.js';
import type { FleetEvent } from '../../domain/event.js';
import type { HostStatus } from '../../domain/host.js';
import { countRestarts } from '../views/containers/present.js';
import { formatDuration } from './format.js';

/** A finding from outside the store (e.g. storage health), shown in the wallboard's alerts strip. */
export interface ExternalAlert {
  severity: 'warn' | 'crit';
  text: string;
  host?: string;
}

export interface AlertItem {
  key: string;
  severity: 'warn' | 'crit';
  text: string;
}

export const MAX_ALERTS = 50;
/** Deaths in the recent-events window from which a container counts as restart-looping. */
export const RESTART_LOOP_DEATHS = 3;

const SIGKILL_EXIT = '137';

export interface AlertInput {
  hosts: readonly HostStatus[];
  containers: readonly Container[];
  events: readonly FleetEvent[];
  external?: readonly ExternalAlert[] | undefined;
  now: number;
}

/** Everything an operator must look at, most severe first, bounded. */
export function collectAlerts({ hosts, containers, events, external, now }: AlertInput): AlertItem[] {
  const alerts: AlertItem[] = [];
  for (const h of hosts) {
    if (h.state === 'unreachable' || h.state === 'degraded') {
      const why = h.problem ? `: ${h.problem.message}` : '';
      alerts.push({
        key: `host/${h.name}`,
        severity: h.state === 'unreachable' ? 'crit' : 'warn',
        text: `${h.name} ${h.state} for ${formatDuration(now - h.since)}${why}`,
      });
    }
  }
  const deaths = countRestarts(events);
  const killed = new Set<string>();
  for (const e of events) {
    if (e.type !== 'container') continue;
    if (e.action === 'oom' || (e.action === 'die' && e.attributes['exitCode'] === SIGKILL_EXIT)) {
      killed.add(containerKey({ host: e.host, id: e.actorId }));
    }
  }
  for (const c of containers) {
    const key = containerKey(c);
    const name = `${c.host}/${c.name.replace(/^\//, '')}`;
    const died = deaths.get(key) ?? 0;
    if (c.state === 'restarting' || died >= RESTART_LOOP_DEATHS) {
      alerts.push({
        key: `loop/${key}`,
        severity: 'crit',
        text: `${name} restart-looping (${died} exits recently)`,
      });
    } else if (c.health === 'unhealthy') {
      alerts.push({ key: `unhealthy/${key}`, severity: 'crit', text: `${name} unhealthy` });
    }
    if ((c.state === 'exited' && c.exitCode === 137) || killed.has(key)) {
      alerts.push({
        key: `killed/${key}`,
        severity: 'warn',
        text: `${name} killed (exit 137: SIGKILL or OOM)`,
      });
    }
  }
  (external ?? []).forEach((a, i) => {
    alerts.push({ key: `ext/${i}`, severity: a.severity, text: a.host ? `${a.host}: ${a.text}` : a.text });
  });
  const rank = (a: AlertItem): number => (a.severity === 'crit' ? 0 : 1);
  return (
    alerts
      .map((a, i) => ({ a, i }))
      .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
      .slice(0, MAX_ALERTS)
      // The wallboard is a shared screen: an error body or a finding may quote a credential.
      .map((x) => ({ ...x.a, text: maskSecretShapes(x.a.text) }))
  );
}
