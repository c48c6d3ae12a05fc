import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../src/domain/event.js';
import {
  describeEventFilter,
  matchesEventFilter,
  parseEventFilter,
  type EventFilter,
} from '../../../src/domain/events/event-filter.js';
import { decodedExits, exitText } from '../../../src/domain/events/exit-text.js';

function ev(action: string, extra: Partial<FleetEvent> = {}): FleetEvent {
  return { host: 'lab-0', time: 0, type: 'container', action, actorId: 'c1', attributes: {}, ...extra };
}

function parsed(...args: string[]): EventFilter | undefined {
  const r = parseEventFilter(args);
  if (!r.ok) throw new Error(r.message);
  return r.filter;
}

describe('parseEventFilter', () => {
  it('reads role=, host=, kind= and bare kinds, combinable; nothing means no filter', () => {
    expect(parsed('role=web', 'host=lab-1', 'die', 'kind=OOM')).toEqual({
      roles: ['web'],
      hosts: ['lab-1'],
      kinds: ['die', 'oom'],
    });
    expect(parsed()).toBeUndefined();
    expect(describeEventFilter(parsed('die', 'role=web', 'role=db')!)).toBe('role=web role=db die');
  });

  it('refuses unknown keys, empty values and words that are no event kind, saying what it takes', () => {
    expect(parseEventFilter(['colour=red'])).toMatchObject({
      ok: false,
      message: /unknown filter "colour="/,
    });
    expect(parseEventFilter(['role='])).toMatchObject({ ok: false, message: /a value is missing/ });
    expect(parseEventFilter(['web'])).toMatchObject({
      ok: false,
      message: /"web" is no event kind \(role=web\?/,
    });
  });
});

describe('matchesEventFilter', () => {
  const web1 = ev('die', { attributes: { exitCode: '137' } });
  it('alternatives within a kind, all kinds together', () => {
    expect(matchesEventFilter(parsed('die', 'oom')!, web1, 'web')).toBe(true);
    expect(matchesEventFilter(parsed('start')!, web1, 'web')).toBe(false);
    expect(matchesEventFilter(parsed('role=web', 'host=lab-0', 'die')!, web1, 'web')).toBe(true);
    expect(matchesEventFilter(parsed('role=web', 'host=lab-1', 'die')!, web1, 'web')).toBe(false);
    expect(matchesEventFilter(parsed('role=db', 'role=web')!, web1, 'web')).toBe(true);
    // An image event has no role: a role filter leaves it out.
    expect(matchesEventFilter(parsed('role=web')!, ev('pull', { type: 'image' }), undefined)).toBe(false);
    expect(matchesEventFilter(parsed('image')!, ev('pull', { type: 'image' }), undefined)).toBe(true);
  });

  it('health names every health_status event, healthy/unhealthy one side of it', () => {
    const unhealthy = ev('health_status: unhealthy');
    expect(matchesEventFilter(parsed('health')!, unhealthy, 'web')).toBe(true);
    expect(matchesEventFilter(parsed('unhealthy')!, unhealthy, 'web')).toBe(true);
    expect(matchesEventFilter(parsed('healthy')!, unhealthy, 'web')).toBe(false);
  });
});

describe('decoded exits of die events', () => {
  it('137 after an oom is an OOM kill, 137 alone SIGKILL (or an OOM not reported), 143 SIGTERM', () => {
    // Newest first, as the store keeps them.
    const events = [
      ev('die', { actorId: 'b', attributes: { exitCode: '143' } }),
      ev('die', { actorId: 'a', attributes: { exitCode: '137' } }),
      ev('start', { actorId: 'a' }),
      ev('die', { actorId: 'a', attributes: { exitCode: '137' } }),
      ev('oom', { actorId: 'a' }),
      ev('die', { actorId: 'c', attributes: { exitCode: '3' } }),
      ev('die', { actorId: 'd', attributes: { exitCode: '0' } }),
    ];
    const exits = decodedExits(events);
    expect(events.map((e) => (exits.has(e) ? exitText(exits.get(e)!) : '-'))).toEqual([
      'exit 143 SIGTERM',
      'exit 137 SIGKILL/OOM',
      '-',
      'exit 137 OOM killed',
      '-',
      'exit 3',
      'exit 0',
    ]);
  });
});
