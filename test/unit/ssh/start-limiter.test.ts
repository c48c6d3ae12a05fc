import { describe, expect, it } from 'vitest';
import { StartLimiter, type StartOutcome } from '../../../src/ssh/start-limiter.js';

/** A handshake the test finishes by hand. */
function handshakes(limiter: StartLimiter) {
  const open: Array<{ server: string; finish: (err?: Error) => void; started: boolean }> = [];
  const classify = (err: unknown): StartOutcome =>
    err instanceof Error && err.message === 'timeout' ? 'overload' : 'other';
  const start = (server = 's') => {
    const h = { server, finish: (_err?: Error) => undefined as void, started: false };
    const done = limiter
      .run(
        server,
        () =>
          new Promise<void>((resolve, reject) => {
            h.finish = (err) => (err ? reject(err) : resolve());
          }),
        classify,
        () => (h.started = true),
      )
      .catch(() => undefined);
    open.push(h);
    return { h, done };
  };
  const running = () => open.filter((h) => h.started).length;
  return { start, running, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('StartLimiter', () => {
  it('a fixed bound never lets more in flight, and starts the next as one finishes', async () => {
    const limiter = new StartLimiter({ fixed: 2 });
    const { start, running } = handshakes(limiter);
    const all = [start('a'), start('b'), start('c'), start('d')];
    await tick();
    expect(running()).toBe(2);
    expect(limiter.queued).toBe(2);
    all[0]!.h.finish();
    await all[0]!.done;
    await tick();
    expect(limiter.inFlight).toBe(2);
    expect(all[2]!.h.started).toBe(true);
    expect(limiter.limit).toBe(2); // fixed: successes do not raise it
  });

  it('adds a slot per handshake that finishes in reasonable time, up to its maximum', async () => {
    let now = 0;
    const limiter = new StartLimiter({ initial: 4, max: 6, now: () => now });
    const { start } = handshakes(limiter);
    for (let i = 0; i < 5; i++) {
      const { h, done } = start(`host-${i}`);
      await tick();
      now += 200;
      h.finish();
      await done;
    }
    expect(limiter.limit).toBe(6);
  });

  it('halves on a handshake timeout, once for the handshakes in flight that saw the same overload', async () => {
    let now = 0;
    const limiter = new StartLimiter({ initial: 32, min: 4, now: () => now });
    const { start } = handshakes(limiter);
    const many = Array.from({ length: 10 }, (_, i) => start(`host-${i}`));
    await tick();
    now += 10_000;
    for (const x of many) x.h.finish(new Error('timeout'));
    await Promise.all(many.map((x) => x.done));
    expect(limiter.limit).toBe(16);
    now += 5_000; // after the cool-down, another timeout halves again
    const late = start('late');
    await tick();
    late.h.finish(new Error('timeout'));
    await late.done;
    expect(limiter.limit).toBe(8);
  });

  it('treats a handshake far slower than the best seen as overload, and refusals as nothing', async () => {
    let now = 0;
    const limiter = new StartLimiter({ initial: 20, now: () => now });
    const { start } = handshakes(limiter);
    const fast = start('a');
    await tick();
    now += 100;
    fast.h.finish();
    await fast.done;
    expect(limiter.limit).toBe(21);
    const refused = start('b');
    await tick();
    refused.h.finish(new Error('connection refused'));
    await refused.done;
    expect(limiter.limit).toBe(21);
    const slow = start('c');
    await tick();
    now += 3_000; // 30× the best, past the 1 s floor
    slow.h.finish();
    await slow.done;
    expect(limiter.limit).toBe(10);
  });

  it('keeps the starts to one server under its cap while other servers go ahead', async () => {
    const limiter = new StartLimiter({ initial: 10, perServer: 2 });
    const { start, open } = handshakes(limiter);
    for (let i = 0; i < 4; i++) start('bastion:22');
    start('other:22');
    await tick();
    expect(open.filter((h) => h.started).map((h) => h.server)).toEqual([
      'bastion:22',
      'bastion:22',
      'other:22',
    ]);
    open[0]!.finish();
    await tick();
    await tick();
    expect(open.filter((h) => h.started && h.server === 'bastion:22')).toHaveLength(3);
  });

  it('says when a handshake got its slot: the wait before it is the queue', async () => {
    const limiter = new StartLimiter({ fixed: 1 });
    const { start } = handshakes(limiter);
    const first = start('a');
    const second = start('b');
    await tick();
    expect([first.h.started, second.h.started]).toEqual([true, false]);
    first.h.finish();
    await first.done;
    await tick();
    expect(second.h.started).toBe(true);
  });
});
