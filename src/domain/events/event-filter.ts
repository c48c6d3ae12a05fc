import type { FleetEvent } from '../event.js';

/*
 * The Events view's filter, `:events role=web host=lab-1 die`: words of one kind are alternatives
 * (`die oom`: either), different kinds must all hold (role web AND host lab-1 AND die or oom).
 */

export interface EventFilter {
  roles: readonly string[];
  hosts: readonly string[];
  /** Event actions or types (`die`, `oom`, `image`), or `health` / `healthy` / `unhealthy`. */
  kinds: readonly string[];
}

export type ParsedEventFilter =
  { ok: true; filter: EventFilter | undefined } | { ok: false; message: string };

/** What Docker reports (actions of containers, images, networks, volumes; the object types). */
export const EVENT_KINDS: readonly string[] = [
  'attach',
  'commit',
  'connect',
  'copy',
  'create',
  'delete',
  'destroy',
  'detach',
  'die',
  'disconnect',
  'exec',
  'exec_create',
  'exec_die',
  'exec_start',
  'export',
  'health',
  'healthy',
  'unhealthy',
  'import',
  'kill',
  'load',
  'mount',
  'oom',
  'pause',
  'prune',
  'pull',
  'push',
  'remove',
  'rename',
  'resize',
  'restart',
  'save',
  'start',
  'stop',
  'tag',
  'top',
  'unmount',
  'unpause',
  'untag',
  'update',
  'container',
  'image',
  'network',
  'volume',
  'daemon',
  'plugin',
  'service',
  'node',
  'secret',
  'config',
];

const USAGE =
  ':events takes role=ROLE, host=HOST and event kinds (die, oom, restart, health…), e.g. :events role=web die';

export function parseEventFilter(args: readonly string[]): ParsedEventFilter {
  const roles: string[] = [];
  const hosts: string[] = [];
  const kinds: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq >= 0) {
      const key = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (value === '') return { ok: false, message: `${arg}: a value is missing — ${USAGE}` };
      if (key === 'role') roles.push(value);
      else if (key === 'host') hosts.push(value);
      else if (key === 'kind') kinds.push(value.toLowerCase());
      else return { ok: false, message: `unknown filter "${key}=" — ${USAGE}` };
      continue;
    }
    const kind = arg.toLowerCase();
    if (!EVENT_KINDS.includes(kind))
      return { ok: false, message: `"${arg}" is no event kind (role=${arg}? host=${arg}?) — ${USAGE}` };
    kinds.push(kind);
  }
  if (roles.length + hosts.length + kinds.length === 0) return { ok: true, filter: undefined };
  return { ok: true, filter: { roles, hosts, kinds } };
}

/** The words an event answers to as a kind: its type, its action, and health as one word. */
export function kindsOf(e: FleetEvent): string[] {
  const words = [e.type, e.action];
  if (e.action.startsWith('health_status')) {
    words.push('health');
    const state = e.action.split(':')[1]?.trim();
    if (state) words.push(state);
  }
  if (e.action.startsWith('exec_')) words.push('exec', e.action.split(':')[0] ?? '');
  return words;
}

/** `role` is the event's container role, undefined for events of no container. */
export function matchesEventFilter(f: EventFilter, e: FleetEvent, role: string | undefined): boolean {
  if (f.hosts.length > 0 && !f.hosts.includes(e.host)) return false;
  if (f.roles.length > 0 && (role === undefined || !f.roles.includes(role))) return false;
  if (f.kinds.length > 0) {
    const words = kindsOf(e);
    if (!f.kinds.some((k) => words.includes(k))) return false;
  }
  return true;
}

/** The filter as typed, for the view's title: `role=web host=lab-1 die`. */
export function describeEventFilter(f: EventFilter): string {
  return [...f.roles.map((r) => `role=${r}`), ...f.hosts.map((h) => `host=${h}`), ...f.kinds].join(' ');
}
