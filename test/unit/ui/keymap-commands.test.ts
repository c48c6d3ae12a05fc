import { describe, expect, it } from 'vitest';
import { completeCommand, parseCommand } from '../../../src/ui/commands.js';
import { activeBindings, findBinding, KEYMAP } from '../../../src/ui/keymap.js';

const sources = { roles: ['web', 'worker', 'db'], hosts: ['web-a', 'web-b'], themes: ['dark', 'mono'] };

describe('keymap', () => {
  it('has no key bound twice in one view', () => {
    for (const view of ['hosts', 'roles', 'containers', 'events', 'details', 'compare', 'help'] as const) {
      const keys = activeBindings(view, { readOnly: false, canAct: true }).flatMap((b) => b.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('binds r/s/R/K/S/e (and P, and the swarm views’ s/F/B/D/A) as mutating, and never when read-only or without a handler', () => {
    const mutating = [...new Set(KEYMAP.filter((b) => b.mutating).map((b) => b.keys[0]))];
    expect(mutating.sort()).toEqual(['A', 'B', 'D', 'F', 'K', 'P', 'R', 'S', 'e', 'r', 's']);
    expect(findBinding('nodes', 'D', { readOnly: false, canAct: true })?.action).toBe('node-drain');
    expect(findBinding('nodes', 'D', { readOnly: true, canAct: true })).toBeUndefined();
    expect(findBinding('services', 's', { readOnly: false, canAct: true })?.action).toBe('swarm-scale');
    expect(findBinding('services', 'F', { readOnly: true, canAct: true })).toBeUndefined();
    expect(findBinding('containers', 'r', { readOnly: false, canAct: true })?.action).toBe('restart');
    expect(findBinding('containers', 'r', { readOnly: true, canAct: true })).toBeUndefined();
    expect(findBinding('roles', 'R', { readOnly: false, canAct: false })).toBeUndefined();
  });

  it('uses o/O for sorting so s stays free for snapshots', () => {
    expect(findBinding('containers', 'o', { readOnly: true, canAct: false })?.id).toBe('sortNext');
    expect(findBinding('containers', 'O', { readOnly: true, canAct: false })?.id).toBe('sortReverse');
  });
});

describe('commands', () => {
  it('parses view, scope and theme commands', () => {
    expect(parseCommand('hosts')).toEqual({ kind: 'view', view: 'hosts' });
    expect(parseCommand('ps web')).toEqual({ kind: 'containers', role: 'web' });
    expect(parseCommand('ps')).toEqual({ kind: 'containers' });
    expect(parseCommand('host web-a')).toEqual({ kind: 'containers', host: 'web-a' });
    expect(parseCommand('theme mono')).toEqual({ kind: 'theme', name: 'mono' });
    expect(parseCommand('q')).toEqual({ kind: 'quit' });
    expect(parseCommand('host')).toMatchObject({ kind: 'error', message: ':host needs a host name' });
    expect(parseCommand('nope')).toMatchObject({ kind: 'error' });
  });

  it('parses :events filters, any number of words', () => {
    expect(parseCommand('events')).toEqual({ kind: 'events' });
    expect(parseCommand('events role=web host=lab-1 die')).toEqual({
      kind: 'events',
      filter: { roles: ['web'], hosts: ['lab-1'], kinds: ['die'] },
    });
    expect(parseCommand('events bogus')).toMatchObject({ kind: 'error', message: /no event kind/ });
  });

  it('completes the last word of :events with roles, hosts and kinds', () => {
    expect(completeCommand('events role=w', sources)).toEqual({
      text: 'events role=w',
      options: ['role=web', 'role=worker'],
    });
    expect(completeCommand('events role=web host=web-b o', sources)).toEqual({
      text: 'events role=web host=web-b oom ',
      options: [],
    });
  });

  it('completes command names, then arguments', () => {
    expect(completeCommand('ro', sources)).toEqual({ text: 'roles', options: [] });
    expect(completeCommand('ho', sources)).toEqual({ text: 'host', options: ['hosts', 'host'] });
    expect(completeCommand('th', sources)).toEqual({ text: 'theme ', options: [] });
    expect(completeCommand('ps w', sources)).toEqual({ text: 'ps w', options: ['web', 'worker'] });
    expect(completeCommand('ps wo', sources)).toEqual({ text: 'ps worker', options: [] });
    expect(completeCommand('host web-', sources)).toEqual({ text: 'host web-', options: ['web-a', 'web-b'] });
    expect(completeCommand('theme m', sources)).toEqual({ text: 'theme mono', options: [] });
  });
});
