import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { splitKeyPresses } from '../../../src/ui/input-chunks.js';
import { detailsLines } from '../../../src/ui/views/details/lines.js';
import {
  container,
  details,
  ManualClock,
  renderSized,
  sampleFleet,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function props(overrides: Partial<AppProps> = {}): AppProps {
  const fleet = sampleFleet();
  return {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (_h, id) => details(fleet.getSnapshot().containers.find((c) => c.id === id)!),
    clock: new ManualClock(),
    ...overrides,
  };
}

describe('keys that arrive in one read', () => {
  it('splits text with Enter into single key presses', () => {
    const noKey = splitKeyPresses('x', {} as never);
    expect(noKey).toBeUndefined();
    const presses = splitKeyPresses('/we\r', { shift: false } as never) ?? [];
    expect(presses.map((p) => p.input)).toEqual(['/', 'w', 'e', '']);
    expect(presses[3]?.key.return).toBe(true);
  });

  it('applies `/web⏎` sent at once (tmux send-keys, paste) and closes the prompt', async () => {
    const r = renderSized(<App {...props({ initialView: 'containers' })} />, { columns: 120, rows: 30 });
    unmount = () => r.instance.unmount();
    await waitForText(r.lastFrame, 'worker-1');
    r.stdin.write('/web-b\r');
    const frame = await waitForFrame(r.lastFrame, (f) => f.includes('/web-b/') && !f.includes('db-1'));
    expect(frame).toMatch(/^> web-b\s+web-2/m);
    // The prompt is closed: `j` moves the cursor instead of extending the filter.
    r.stdin.write('j');
    const moved = await waitForFrame(r.lastFrame, (f) => /^> web-b\s+worker-1/m.test(f));
    expect(moved).toContain('/web-b/');
  });

  it('runs `:ps web⏎` sent at once', async () => {
    const r = renderSized(<App {...props()} />, { columns: 120, rows: 30 });
    unmount = () => r.instance.unmount();
    await waitForText(r.lastFrame, 'web-c');
    r.stdin.write(':ps web\r');
    await waitForText(r.lastFrame, 'role=web');
  });
});

describe('details', () => {
  it('keeps label values in one column, long keys on a line of their own', () => {
    const c = container('lab-0', 'web-1', {
      labels: {
        'lab.host': 'lab-0',
        'org.fleetdeck.lab.image': 'tiny-v1',
        'com.docker.compose.project.working_dir.and.more.and.more': '/srv/app',
      },
    });
    const ok = { status: 'ok' as const, details: details(c) };
    const lines = detailsLines(ok, 'web-1', Date.now(), 80, theme('none'));
    const labelsStart = lines.findIndex((l) => l.startsWith('── Labels'));
    const labelLines = lines.slice(labelsStart + 1, labelsStart + 5);
    const valueColumn = labelLines.find((l) => l.includes('lab.host'))!.indexOf('lab-0');
    expect(valueColumn).toBeGreaterThan(10);
    expect(labelLines.find((l) => l.includes('tiny-v1'))!.indexOf('tiny-v1')).toBe(valueColumn);
    const longKey = labelLines.findIndex((l) => l.includes('working_dir'));
    expect(labelLines[longKey]).not.toContain('/srv/app');
    expect(labelLines[longKey + 1]!.indexOf('/srv/app')).toBe(valueColumn);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });
});
