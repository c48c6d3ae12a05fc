import { EVENT_KINDS, parseEventFilter, type EventFilter } from '../domain/events/event-filter.js';
import type { MainView } from './views.js';

export type ParsedCommand =
  | { kind: 'view'; view: MainView | 'nodes' | 'services' }
  | { kind: 'tasks'; service: string }
  | { kind: 'containers'; role?: string; host?: string; state?: string }
  /** `:events role=web die`; no filter: every event. */
  | { kind: 'events'; filter?: EventFilter }
  | { kind: 'theme'; name: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

type ArgKind = 'role' | 'host' | 'theme' | 'state' | 'service';

interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  arg?: ArgKind;
  argRequired?: boolean;
  description: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'hosts', description: 'Hosts view' },
  { name: 'roles', description: 'Roles view' },
  { name: 'ps', aliases: ['containers'], arg: 'role', description: 'Containers, optionally of one role' },
  { name: 'host', arg: 'host', argRequired: true, description: 'Containers on one host' },
  { name: 'state', arg: 'state', argRequired: true, description: 'Containers in one state' },
  { name: 'events', description: 'Events, filtered: :events role=web host=lab-1 die' },
  { name: 'storage', description: 'Storage-driver health per host' },
  { name: 'images', description: 'Images across the fleet' },
  { name: 'volumes', description: 'Volumes across the fleet' },
  { name: 'networks', description: 'Networks across the fleet' },
  { name: 'services', description: 'Swarm services (replicas per node, updates, errors)' },
  { name: 'nodes', description: 'Swarm nodes (role, availability, status)' },
  { name: 'tasks', arg: 'service', argRequired: true, description: 'Tasks of one Swarm service' },
  { name: 'theme', arg: 'theme', argRequired: true, description: 'Switch colour theme' },
  { name: 'help', description: 'Keys of this view' },
  { name: 'quit', aliases: ['q'], description: 'Quit' },
];

export const CONTAINER_STATES = [
  'running',
  'exited',
  'restarting',
  'paused',
  'created',
  'dead',
  'unhealthy',
  'healthy',
];

export interface CompletionSources {
  roles: readonly string[];
  hosts: readonly string[];
  themes: readonly string[];
  /** Swarm services (`NAME`, and `SWARM/NAME` where two swarms share one). */
  services?: readonly string[];
}

function specFor(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

export function parseCommand(text: string): ParsedCommand {
  const [name = '', arg, ...extra] = text.trim().split(/\s+/);
  const spec = specFor(name);
  if (!spec) {
    return {
      kind: 'error',
      message: `unknown command ":${name}" — try ${COMMANDS.map((c) => `:${c.name}`).join(' ')}`,
    };
  }
  if (spec.name === 'events') {
    const parsed = parseEventFilter(arg === undefined ? [] : [arg, ...extra]);
    if (!parsed.ok) return { kind: 'error', message: parsed.message };
    return parsed.filter ? { kind: 'events', filter: parsed.filter } : { kind: 'events' };
  }
  if (extra.length > 0) return { kind: 'error', message: `:${spec.name} takes at most one argument` };
  if (spec.argRequired && !arg) return { kind: 'error', message: `:${spec.name} needs a ${spec.arg} name` };
  switch (spec.name) {
    case 'hosts':
    case 'roles':
    case 'storage':
    case 'images':
    case 'volumes':
    case 'networks':
    case 'services':
    case 'nodes':
      return { kind: 'view', view: spec.name };
    case 'tasks':
      return { kind: 'tasks', service: arg ?? '' };
    case 'ps':
      return arg ? { kind: 'containers', role: arg } : { kind: 'containers' };
    case 'host':
      return { kind: 'containers', host: arg ?? '' };
    case 'state':
      return { kind: 'containers', state: arg ?? '' };
    case 'theme':
      return { kind: 'theme', name: arg ?? '' };
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'quit' };
  }
}

function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export interface Completion {
  /** The new command-line text. */
  text: string;
  /** What could follow when the completion is ambiguous (shown to the user). */
  options: string[];
}

function candidatesFor(kind: ArgKind, sources: CompletionSources): readonly string[] {
  switch (kind) {
    case 'role':
      return sources.roles;
    case 'host':
      return sources.hosts;
    case 'theme':
      return sources.themes;
    case 'state':
      return CONTAINER_STATES;
    case 'service':
      return sources.services ?? [];
  }
}

/** Tab completion of a command name, then of its argument (role, host, theme or state). */
export function completeCommand(text: string, sources: CompletionSources): Completion {
  const spaceAt = text.indexOf(' ');
  if (spaceAt < 0) {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).filter((n) => n.startsWith(text));
    const primary = COMMANDS.map((c) => c.name).filter((n) => n.startsWith(text));
    const options = primary.length > 0 ? primary : names;
    if (options.length === 1) {
      const only = options[0] ?? text;
      return { text: specFor(only)?.arg ? `${only} ` : only, options: [] };
    }
    const prefix = commonPrefix(options);
    return { text: prefix.length > text.length ? prefix : text, options };
  }
  const spec = specFor(text.slice(0, spaceAt));
  if (spec?.name === 'events') return completeEventWord(text, sources);
  if (!spec?.arg) return { text, options: [] };
  const partial = text.slice(spaceAt + 1).trimStart();
  const options = [...new Set(candidatesFor(spec.arg, sources))].filter((v) => v.startsWith(partial)).sort();
  const head = text.slice(0, spaceAt + 1);
  if (options.length === 1) return { text: head + (options[0] ?? partial), options: [] };
  const prefix = commonPrefix(options);
  return { text: head + (prefix.length > partial.length ? prefix : partial), options };
}

/** `:events` takes several words: the last one is completed (role=…, host=…, a kind). */
function completeEventWord(text: string, sources: CompletionSources): Completion {
  const cut = text.lastIndexOf(' ') + 1;
  const partial = text.slice(cut);
  const words = [
    ...sources.roles.map((r) => `role=${r}`),
    ...sources.hosts.map((h) => `host=${h}`),
    ...EVENT_KINDS,
  ];
  const options = [...new Set(words)].filter((w) => w.startsWith(partial)).sort();
  const head = text.slice(0, cut);
  if (options.length === 1) return { text: `${head}${options[0] ?? partial} `, options: [] };
  const prefix = commonPrefix(options);
  return { text: head + (prefix.length > partial.length ? prefix : partial), options };
}
