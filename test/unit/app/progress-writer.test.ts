import { describe, expect, it } from 'vitest';
import { ProgressWriter } from '../../../src/app/output/progress-writer.js';
import type { ProgressMeter } from '../../../src/domain/progress/meter.js';
import { displayWidth } from '../../../src/domain/text/width.js';

const T0 = 1_700_000_000_000;

/** A stream that records writes; `columns` when it stands for a terminal. */
class FakeStream {
  written: string[] = [];
  constructor(readonly columns?: number) {}
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  all(): string {
    return this.written.join('');
  }
  /** What a terminal would show: each `\r` rewinds the line, `\x1b[K` erases the rest. */
  screen(): string[] {
    const lines: string[] = [''];
    // eslint-disable-next-line no-control-regex -- the escapes are what is under test
    for (const part of this.all().split(/(\r|\n|\x1b\[K)/)) {
      if (part === '\r') lines[lines.length - 1] = '';
      else if (part === '\n') lines.push('');
      else if (part !== '\x1b[K') lines[lines.length - 1] += part;
    }
    return lines;
  }
}

function meter(done: number, over: Partial<ProgressMeter> = {}): ProgressMeter {
  return {
    key: 'redeploy web',
    label: 'redeploy web',
    done,
    total: 4,
    unit: 'replicas',
    startedAt: T0,
    at: T0 + 10_000,
    detail: `batch ${done + 1}/4`,
    ...over,
  };
}

function writer(tty: boolean, columns?: number) {
  const out = new FakeStream(columns);
  let now = T0 + 10_000;
  const ticks: Array<() => void> = [];
  let stopped = 0;
  const w = new ProgressWriter(out, {
    tty,
    now: () => now,
    every: (_ms, fn) => (ticks.push(fn), () => stopped++),
  });
  return { out, w, tick: (ms: number) => ((now += ms), ticks.forEach((t) => t())), stopped: () => stopped };
}

describe('the CLI progress writer', () => {
  it('on a terminal: one bar line rewritten in place; lines go above it; a finished meter stays', () => {
    const { out, w, tick, stopped } = writer(true, 80);
    w.meter(meter(0));
    w.line({ time: T0, message: 'batch 1/4: lab-0/web-1' });
    w.meter(meter(1));
    tick(5_000);
    expect(out.all()).toContain('\r');
    const live = out.screen();
    expect(live.at(-2)).toBe('  batch 1/4: lab-0/web-1');
    expect(live.at(-1)).toMatch(
      /^ {2}redeploy web \[[█▏▎▍▌▋▊▉░]+\] 1\/4 replicas · ~0:45 left · 0:15 elapsed/,
    );
    expect(live.every((l) => displayWidth(l) < 80)).toBe(true);
    w.meter(meter(4, { detail: undefined }));
    w.close();
    expect(out.screen()).toEqual([
      '  batch 1/4: lab-0/web-1',
      expect.stringMatching(/^ {2}redeploy web \[█+\] 4\/4 replicas · 0:15 elapsed$/),
      '',
    ]);
    expect(stopped()).toBe(1);
  });

  it('not a terminal: the lines only, never a \\r nor a bar', () => {
    const { out, w } = writer(false, 80);
    w.meter(meter(0));
    w.line({ time: T0, host: 'lab-0', message: 'loading web:1.5 from store' });
    w.meter(meter(4));
    w.close();
    expect(out.all()).toBe('  lab-0: loading web:1.5 from store\n');
  });

  it('several meters at once: the latest reading shows, the others counted; labels reach the terminal inert', () => {
    const { out, w } = writer(true, 100);
    w.meter(meter(10, { key: 'a', label: 'load web \x1b[31m→ lab-1', unit: 'bytes', total: 100 }));
    w.meter(meter(20, { key: 'b', label: 'load web → lab-2', unit: 'bytes', total: 100 }));
    expect(out.screen().at(-1)).toMatch(/^ {2}load web → lab-2 .*\(\+1 more\)$/);
    expect(out.all()).not.toContain('\x1b[31m');
    w.close();
    expect(out.screen().at(-1)).toBe('');
  });
});
