import { completeCommand, parseCommand, type ParsedCommand } from '../commands.js';
import { findBinding } from '../keymap.js';
import { PANE_COMMANDS } from '../logs/pane-keys.js';
import type { ContainerScope } from '../views/containers/present.js';
import { isMainView } from '../views.js';
import { go, goStep } from './nav.js';
import {
  FIRST_CURSOR,
  stay,
  type DashboardEvent,
  type DashboardState,
  type KeyContext,
  type Step,
} from './state.js';
import { withCursor } from './nav.js';
import { eventsScope } from './events-scope.js';

/**
 * The dashboard's one reducer: a key press or an effect's answer in, the next state and the effects
 * to carry out back. Pure: no React, no clock, no I/O (tested without Ink).
 */
export function reduce(s: DashboardState, event: DashboardEvent, ctx: KeyContext): Step {
  switch (event.type) {
    case 'message':
      return stay({ ...s, message: event.message });
    case 'theme':
      return stay({
        ...s,
        theme: event.theme,
        message:
          event.warnings === undefined
            ? s.message
            : event.warnings.length > 0
              ? { text: event.warnings.join(' | '), tone: 'status.warn' }
              : { text: `theme ${event.theme.name}`, tone: 'text.dim' },
      });
    case 'logsOpened': {
      const opened = go(s, 'logs', true);
      return stay(event.note ? { ...opened, message: { text: event.note, tone: 'status.warn' } } : opened);
    }
    case 'key':
      if (s.mode === 'filter') return filterKey(s, event.name, event.text);
      if (s.mode === 'command') return commandKey(s, event.name, event.text, ctx);
      return bindingKey(s, event.name, ctx);
  }
}

function bindingKey(s: DashboardState, name: string, ctx: KeyContext): Step {
  const binding = findBinding(s.view, name, ctx.bindings);
  if (!binding?.run) return stay(s);
  // The logs pane moves and searches its own lines.
  if (s.view === 'logs' && PANE_COMMANDS.has(binding.id)) return stay(s);
  return binding.run({ ...s, message: undefined }, ctx);
}

function editFilter(s: DashboardState, text: string): DashboardState {
  if (!isMainView(s.view)) return s;
  return withCursor({ ...s, filters: { ...s.filters, [s.view]: text } }, s.view, FIRST_CURSOR);
}

function filterKey(s: DashboardState, name: string, text: string | undefined): Step {
  const current = isMainView(s.view) ? s.filters[s.view] : '';
  if (name === 'esc') return stay({ ...editFilter(s, ''), mode: 'normal' });
  if (name === 'enter') return stay({ ...s, mode: 'normal' });
  if (name === 'backspace' || name === 'delete') return stay(editFilter(s, current.slice(0, -1)));
  if (text !== undefined) return stay(editFilter(s, current + text));
  return stay(s);
}

function commandKey(s: DashboardState, name: string, text: string | undefined, ctx: KeyContext): Step {
  if (name === 'esc') return stay({ ...s, mode: 'normal' });
  if (name === 'enter') {
    const closed: DashboardState = { ...s, mode: 'normal', completions: [] };
    return s.input.trim() === '' ? stay(closed) : runCommand(closed, parseCommand(s.input), ctx);
  }
  if (name === 'tab') {
    const done = completeCommand(s.input, ctx.completion);
    return stay({ ...s, input: done.text, completions: done.options });
  }
  if (name === 'backspace' || name === 'delete') return stay({ ...s, input: s.input.slice(0, -1) });
  if (text !== undefined) return stay({ ...s, input: s.input + text, completions: [] });
  return stay(s);
}

export function runCommand(s: DashboardState, command: ParsedCommand, ctx: KeyContext): Step {
  switch (command.kind) {
    case 'view':
      return goStep(s, command.view, false);
    case 'containers': {
      const scope: ContainerScope = {};
      if (command.role) scope.role = command.role;
      if (command.host) scope.host = command.host;
      if (command.state) scope.state = command.state;
      const unknownHost = command.host !== undefined && !ctx.hosts.includes(command.host);
      const next = withCursor({ ...s, scope }, 'containers', FIRST_CURSOR);
      return goStep(
        unknownHost
          ? {
              ...next,
              message: { text: `no host named "${command.host}" in the fleet`, tone: 'status.warn' },
            }
          : next,
        'containers',
        false,
      );
    }
    case 'tasks':
      return goStep(withCursor({ ...s, tasksOf: command.service }, 'tasks', FIRST_CURSOR), 'tasks', false);
    case 'events':
      return goStep(eventsScope(s, command.filter, ctx), 'events', false);
    case 'theme':
      return { state: s, effects: [{ type: 'loadTheme', name: command.name }] };
    case 'help':
      return goStep({ ...s, helpFor: s.view === 'help' ? s.helpFor : s.view }, 'help', true);
    case 'quit':
      return { state: s, effects: [{ type: 'quit' }] };
    case 'error':
      return stay({ ...s, message: { text: command.message, tone: 'status.warn' } });
  }
}
