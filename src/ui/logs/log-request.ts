import type { Container } from '../../domain/container.js';
import type { ServiceLogRef } from '../../fleet/logs/reader.js';

/**
 * More streams than this from one key press is a mistake more often than a wish (an empty filter
 * over a big fleet): each is a channel on a host connection and a share of the screen.
 */
export const MAX_LOG_SOURCES = 50;

/** What `l` / `L` was pressed on. */
export type LogsSelection =
  | { kind: 'container'; container: Container | undefined }
  | { kind: 'role'; role: string | undefined }
  | { kind: 'host'; host: string | undefined }
  /** Rows of the containers view; `label` says which (scope and filter). */
  | { kind: 'rows'; label: string; containers: readonly Container[] }
  /** A Swarm service: its logs from its swarm's manager (every task's). */
  | { kind: 'service'; service: ServiceLogRef | undefined };

export interface LogsRequest {
  /** Shown above the lines and used in the save file's name. */
  title: string;
  containers: Container[];
  /** Swarm services, read through their managers. */
  services?: ServiceLogRef[];
  /** Something the user should know about what is (not) shown. */
  note?: string;
}

export type LogsRequestResult = { ok: true; request: LogsRequest } | { ok: false; message: string };

/** A group's logs are those of its running containers: a stopped one would only print its end. */
function isLive(c: Container): boolean {
  return c.state === 'running' || c.state === 'restarting';
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function group(title: string, members: readonly Container[], hint: string): LogsRequestResult {
  const live = members.filter(isLive);
  if (live.length === 0) {
    const why = members.length === 0 ? 'no containers' : `no running containers (${members.length} stopped)`;
    return { ok: false, message: `${title}: ${why} — ${hint}` };
  }
  const containers = live.slice(0, MAX_LOG_SOURCES);
  const note =
    live.length > MAX_LOG_SOURCES
      ? `logs of the first ${MAX_LOG_SOURCES} of ${live.length} running containers — narrow with / or :ps ROLE`
      : undefined;
  return {
    ok: true,
    request: { title: `${title} (${plural(containers.length, 'container')})`, containers, note },
  };
}

/**
 * The containers whose logs to open for a selection: the container itself (in any state, its last
 * lines are worth seeing), or the running members of a role, host or list of rows.
 */
export function logsRequest(sel: LogsSelection, all: readonly Container[]): LogsRequestResult {
  const single = 'select a container and press l for the logs of a stopped one';
  switch (sel.kind) {
    case 'container':
      if (!sel.container) return { ok: false, message: 'no container selected — move onto one and press l' };
      return {
        ok: true,
        request: {
          title: `${sel.container.host}/${sel.container.name.replace(/^\//, '')}`,
          containers: [sel.container],
        },
      };
    case 'role':
      if (sel.role === undefined) return { ok: false, message: 'no role selected' };
      return group(
        `role ${sel.role}`,
        all.filter((c) => c.role === sel.role),
        single,
      );
    case 'host':
      if (sel.host === undefined) return { ok: false, message: 'no host selected' };
      return group(
        `host ${sel.host}`,
        all.filter((c) => c.host === sel.host),
        `check that ${sel.host} is reachable; ${single}`,
      );
    case 'rows':
      return group(sel.label, sel.containers, `change the filter or scope; ${single}`);
    case 'service':
      if (!sel.service) return { ok: false, message: 'no service selected — move onto one and press l' };
      return {
        ok: true,
        request: {
          title: `service ${sel.service.swarm}/${sel.service.name}`,
          containers: [],
          services: [sel.service],
        },
      };
  }
}

/** `containers host=web-a /api/`: which rows `L` took. */
export function rowsLabel(scope: { host?: string; role?: string; state?: string }, filter: string): string {
  const parts = ['containers'];
  if (scope.host) parts.push(`host=${scope.host}`);
  if (scope.role) parts.push(`role=${scope.role}`);
  if (scope.state) parts.push(`state=${scope.state}`);
  if (filter) parts.push(`/${filter}/`);
  return parts.join(' ');
}
