import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/container.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import {
  container,
  details,
  FakeFleet,
  host,
  ManualClock,
  renderSized,
  sampleFleet,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function setup(fleet: FakeFleet, extra: (c: Container) => Partial<ContainerDetails> = () => ({})) {
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => {},
    loadDetails: async (_h, id) => {
      const c = fleet.getSnapshot().containers.find((x) => x.id === id)!;
      return details(c, extra(c));
    },
    clock: new ManualClock(),
    initialView: 'containers',
  };
  const r = renderSized(<App {...props} />, { columns: 120, rows: 40 });
  unmount = () => r.instance.unmount();
  return r;
}

/** Opens details of the container whose row matches `row` (j until the cursor is on it, Enter). */
async function openDetails(r: ReturnType<typeof setup>, row: RegExp): Promise<void> {
  await waitForText(r.lastFrame, 'Containers · ');
  for (let i = 0; i < 10 && !row.test(r.lastFrame() ?? ''); i++) {
    const before = r.lastFrame();
    r.stdin.write('j');
    await waitForFrame(r.lastFrame, (f) => f !== before);
  }
  r.stdin.write('\r');
  await waitForText(r.lastFrame, '── Lifecycle');
}

describe('c in details: compare with another replica', () => {
  it('with one other replica, shows the differences only, secrets masked', async () => {
    const r = setup(sampleFleet(), (c) =>
      c.name === 'web-2'
        ? { env: ['PATH=/usr/bin', 'DB_PASSWORD=other', 'MODE=debug'], limits: { pids: 50 } }
        : { env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2'], limits: {} },
    );
    await openDetails(r, /^> web-a\s+web-1/m);
    r.stdin.write('c');
    const frame = await waitForFrame(
      r.lastFrame,
      (f) =>
        f.includes('Compare · web-a/web-1 vs web-b/web-2 · differences only') && f.includes('── Environment'),
    );
    expect(frame).toMatch(/sha256:aaa\s+sha256:bbb/);
    expect(frame).toMatch(/MODE\s+\(unset\)\s+debug/);
    expect(frame).toMatch(/DB_PASSWORD\s+•••••• \(secret\)\s+•••••• \(secret, differs\)/);
    expect(frame).toMatch(/pids\s+unlimited\s+50/);
    expect(frame).not.toContain('hunter2');
    // What is the same is not listed.
    expect(frame).not.toContain('PATH');
    expect(frame).not.toContain('── Mounts');
    r.stdin.write('\u001b');
    await waitForText(r.lastFrame, 'Details · web-a/web-1');
  });

  it('with several, lists them next one first; Enter compares, c picks again', async () => {
    const fleet = new FakeFleet({
      hosts: [host('lab-0'), host('lab-1')],
      containers: [
        container('lab-0', 'web-1'),
        container('lab-0', 'web-2'),
        container('lab-1', 'web-3', { imageId: 'sha256:ccc' }),
        container('lab-1', 'db-1', { role: 'db' }),
      ],
    });
    const r = setup(fleet);
    await openDetails(r, /^> lab-0\s+web-2/m);
    r.stdin.write('c');
    const picker = await waitForText(r.lastFrame, 'pick a replica (2)');
    const rows = picker.split('\n').filter((l) => /web-\d/.test(l) && /^[> ] /.test(l));
    expect(rows.map((l) => /web-\d/.exec(l)?.[0])).toEqual(['web-3', 'web-1']);
    r.stdin.write('\r');
    await waitForText(r.lastFrame, 'lab-0/web-2 vs lab-1/web-3');
    await waitForText(r.lastFrame, 'sha256:ccc');
    r.stdin.write('c');
    await waitForText(r.lastFrame, 'pick a replica (2)');
    r.stdin.write('j\r');
    await waitForText(r.lastFrame, 'lab-0/web-2 vs lab-0/web-1');
    const frame = await waitForText(r.lastFrame, 'were started alike');
    expect(frame).not.toContain('── Image');
  });

  it('says so when the role has no other replica', async () => {
    const r = setup(sampleFleet());
    await openDetails(r, /^> web-a\s+db-1/m);
    r.stdin.write('c');
    const frame = await waitForText(r.lastFrame, 'db-1: no other replica of its role to compare with');
    expect(frame).toContain('Details · web-a/db-1');
  });
});
