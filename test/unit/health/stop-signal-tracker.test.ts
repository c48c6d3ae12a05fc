import { describe, expect, it } from 'vitest';
import { StopSignalTracker } from '../../../src/domain/health/stop-signal-tracker.js';
import type { FleetEvent } from '../../../src/domain/event.js';
import { recordedEvents } from './recorded-events.js';

// Recorded on the lab (dockerd 20.10): `docker stop sigignore` (traps "" TERM, --stop-timeout 3)
// gave kill signal=15, 3 s of another container's exec events, kill signal=9, die exitCode=137,
// network disconnect, stop. `docker stop siglog` (exits 0 on TERM) gave kill 15, die 0, stop.
const SIGIGNORE = '4259c15eb03a481d797277f91d784456945c148480ad0fd8652ab1dd714988e2';
const SIGLOG = 'd6ccf10f76318cdbd4163ff40da5366485e3e31932a7aacd3889173ee470d8c3';

function feed(tracker: StopSignalTracker, events: readonly FleetEvent[]): void {
  for (const e of events) tracker.observe(e);
}

function ev(
  actorId: string,
  action: string,
  time: number,
  attributes: Record<string, string> = {},
): FleetEvent {
  return { host: 'h', time, type: 'container', action, actorId, attributes };
}

describe('StopSignalTracker on recorded docker stop sequences', () => {
  it('flags the container whose stop ended in SIGKILL after the timeout', () => {
    const t = new StopSignalTracker();
    feed(t, recordedEvents('events-docker-stop-sigignore.jsonl'));
    expect(t.ignoresStopSignal('lab-0', SIGIGNORE)).toBe(true);
    const forced = t.lastForcedStop('lab-0', SIGIGNORE);
    expect(forced?.ignoredSignal).toBe('SIGTERM');
    expect((forced?.killedAt ?? 0) - (forced?.signalledAt ?? 0)).toBe(3044);
    // Same id on another host is another container.
    expect(t.ignoresStopSignal('lab-1', SIGIGNORE)).toBe(false);
  });

  it('does not flag a container that exits on SIGTERM', () => {
    const t = new StopSignalTracker();
    feed(t, recordedEvents('events-docker-stop-siglog.jsonl'));
    expect(t.ignoresStopSignal('lab-0', SIGLOG)).toBe(false);
  });

  it('clears the flag once the container honours its stop signal', () => {
    const t = new StopSignalTracker();
    feed(t, recordedEvents('events-docker-stop-sigignore.jsonl'));
    feed(
      t,
      [ev(SIGIGNORE, 'kill', 1, { signal: '15' }), ev(SIGIGNORE, 'die', 2, { exitCode: '0' })].map((e) => ({
        ...e,
        host: 'lab-0',
      })),
    );
    expect(t.ignoresStopSignal('lab-0', SIGIGNORE)).toBe(false);
  });
});

describe('StopSignalTracker rules', () => {
  it('a plain docker kill (SIGKILL without a stop signal first) is not ignoring anything', () => {
    const t = new StopSignalTracker();
    feed(t, [ev('a', 'kill', 0, { signal: '9' }), ev('a', 'die', 10, { exitCode: '137' })]);
    expect(t.ignoresStopSignal('h', 'a')).toBe(false);
  });

  it('reads signal names as well as numbers, and custom stop signals', () => {
    const t = new StopSignalTracker();
    feed(t, [
      ev('a', 'kill', 0, { signal: 'SIGQUIT' }),
      ev('a', 'kill', 10_000, { signal: 'KILL' }),
      ev('a', 'die', 10_050, { exitCode: '137' }),
    ]);
    expect(t.lastForcedStop('h', 'a')).toEqual({
      ignoredSignal: 'SIGQUIT',
      signalledAt: 0,
      killedAt: 10_000,
    });
  });

  it('a crash without a stop (die with no kill) leaves the verdict as it was', () => {
    const t = new StopSignalTracker();
    feed(t, [ev('a', 'die', 0, { exitCode: '1' })]);
    expect(t.ignoresStopSignal('h', 'a')).toBe(false);
    expect(t.size).toBe(0);
  });

  it('a SIGKILL long after the stop signal is another story', () => {
    const t = new StopSignalTracker({ maxStopWindowMs: 60_000 });
    feed(t, [
      ev('a', 'kill', 0, { signal: '15' }),
      ev('a', 'kill', 120_000, { signal: '9' }),
      ev('a', 'die', 120_010, { exitCode: '137' }),
    ]);
    expect(t.ignoresStopSignal('h', 'a')).toBe(false);
  });

  it('forgets destroyed containers and stays bounded', () => {
    const t = new StopSignalTracker({ maxContainers: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      feed(t, [
        ev(id, 'kill', 0, { signal: '15' }),
        ev(id, 'kill', 10_000, { signal: '9' }),
        ev(id, 'die', 10_001, { exitCode: '137' }),
      ]);
    }
    expect(t.size).toBe(3);
    expect(t.ignoresStopSignal('h', 'a')).toBe(false);
    expect(t.ignoresStopSignal('h', 'e')).toBe(true);
    t.observe(ev('e', 'destroy', 20_000));
    expect(t.ignoresStopSignal('h', 'e')).toBe(false);
    expect(t.size).toBe(2);
  });

  it('ignores events of other object types', () => {
    const t = new StopSignalTracker();
    t.observe({ ...ev('n', 'kill', 0, { signal: '15' }), type: 'network' });
    expect(t.size).toBe(0);
  });
});
