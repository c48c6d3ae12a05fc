import { afterEach, describe, expect, it } from 'vitest';
import { dialogLines } from '../../../src/ui/action-flow/dialog-lines.js';
import { withReading } from '../../../src/ui/action-flow/run-readings.js';
import type { ProgressMeter } from '../../../src/domain/progress/meter.js';
import { displayWidth } from '../../../src/domain/text/width.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { FakeActions, fakePlan } from './actions-fake.js';
import { details, ManualClock, renderSized, sampleFleet, T0, theme, waitForText } from './support.js';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function meter(over: Partial<ProgressMeter> = {}): ProgressMeter {
  return {
    key: 'redeploy web',
    label: 'redeploy web',
    done: 1,
    total: 4,
    unit: 'replicas',
    startedAt: T0,
    at: T0 + 20_000,
    detail: 'batch 2/4',
    ...over,
  };
}

describe('progress bars in the action dialog', () => {
  it('one bar per meter above the lines, each reading in place, fitted to the dialog', () => {
    const plan = fakePlan('redeploy', 'role:web');
    let meters = withReading([], meter());
    meters = withReading(
      meters,
      meter({
        key: 'load',
        label: 'load web:1.5 store → web-b',
        unit: 'bytes',
        done: 5e6,
        total: 2e7,
        detail: undefined,
      }),
    );
    meters = withReading(meters, meter({ done: 2 }));
    expect(meters.map((m) => `${m.key} ${m.done}`)).toEqual(['redeploy web 2', 'load 5000000']);
    const lines = dialogLines(
      { step: 'running', plan, lines: ['batch 2/4: web-a/web-1'], cancelling: false, meters },
      70,
      14,
      theme('none'),
      T0 + 20_000,
    );
    expect(lines.every((l) => displayWidth(l) === 70)).toBe(true);
    const text = lines.join('\n');
    expect(text).toMatch(/redeploy web \[█+[▏▎▍▌▋▊▉]?░+\] 2\/4 replicas · ~0:20 left · 0:20 elapsed/u);
    expect(text).toMatch(/load web:1\.5 store → web-b \[.+\] 5 MB of 20 MB/);
    expect(text.indexOf('redeploy web [')).toBeLessThan(text.indexOf('batch 2/4: web-a/web-1'));
  });

  it('a run in the dashboard shows its bar as readings come, and the elapsed time moves with the clock', async () => {
    const fleet = sampleFleet();
    const actions = new FakeActions();
    const clock = new ManualClock(T0 + 20_000);
    const props: AppProps = {
      reader: fleet,
      readOnly: false,
      wallboard: false,
      theme: theme('none'),
      colorMode: 'none',
      onQuit: () => undefined,
      loadDetails: async (h, id) =>
        details(fleet.getSnapshot().containers.find((c) => c.host === h && c.id === id)!),
      clock,
      initialView: 'containers',
      actions,
    };
    const r = renderSized(<App {...props} />, { columns: 120, rows: 40 });
    mounted.push(r.instance);
    await waitForText(r.lastFrame, 'web-1');
    r.stdin.write('r');
    await waitForText(r.lastFrame, 'proceed? [y/N]');
    r.stdin.write('y');
    await waitForText(r.lastFrame, 'running…');
    actions.meter(
      meter({ label: 'restart web-1', key: 'r', unit: 'hosts', total: 2, done: 1, detail: undefined }),
    );
    await waitForText(r.lastFrame, '1/2 hosts');
    expect(r.lastFrame()).toMatch(/restart web-1 \[█+[▏▎▍▌▋▊▉]?░+\] 1\/2 hosts · ~0:20 left · 0:20 elapsed/u);
    clock.advance(10_000);
    await waitForText(r.lastFrame, '0:30 elapsed');
    actions.finish({ result: 'ok', message: 'restarted' });
    await waitForText(r.lastFrame, '✓ done');
  });
});
