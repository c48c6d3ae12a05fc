import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { RESOURCE_REFRESH_MS } from '../../../src/ui/hooks/useResources.js';
import { FakeResources } from './resources-fake.js';
import { ManualClock, renderSized, sampleFleet, theme, waitForFrame, waitForText } from './support.js';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

const ESC = '\x1b';
const ENTER = '\r';
const TAB = '\t';

function setup(overrides: Partial<AppProps> = {}, resources = new FakeResources()) {
  const fleet = sampleFleet();
  const clock = new ManualClock();
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => undefined,
    loadDetails: async () => {
      throw new Error('not used');
    },
    clock,
    initialView: 'storage',
    loadResources: resources.load,
    ...overrides,
  };
  const r = renderSized(<App {...props} />, { columns: 120, rows: 40 });
  mounted.push(r.instance);
  return { ...r, resources, clock, fleet };
}

describe('Images view', () => {
  it('Tab from Storage reads the images once and lists one row per image ID with hosts, size, use, age, dangling', async () => {
    const { lastFrame, stdin, resources } = setup();
    await waitForText(lastFrame, 'Storage');
    expect(resources.calls).toEqual([]);
    stdin.write(TAB);
    const frame = await waitForText(lastFrame, '3f1c0a9e7b21');
    expect(frame).toMatch(/Images · 2 · 2 hosts · read 0s ago · not answered: web-c/);
    expect(frame).toMatch(/ID\s+TAGS\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING/);
    expect(frame).toMatch(/3f1c0a9e7b21\s+tiny:latest\s+web-a,web-b\s+1\.2MB\s+3\s+2d\s+no/);
    expect(frame).toMatch(/9b0e4d1c2a77\s+<none>\s+web-a\s+1\.2MB\s+0\s+2d\s+yes/);
    // The host that did not answer is named with why, under the table.
    expect(frame).toContain('web-c: SSH timeout to 10.0.0.9:22');
    expect(resources.calls).toEqual(['images']);
  });

  it('says it is loading until the first read answers, and why when it failed', async () => {
    const resources = new FakeResources();
    resources.hold = true;
    const { lastFrame, stdin } = setup({ initialView: 'images' }, resources);
    await waitForText(lastFrame, 'loading images of every host…');
    await waitForText(lastFrame, 'Images · 0 · loading…');
    resources.failWith = new Error('the fleet is not connected');
    resources.release();
    await waitForText(lastFrame, 'could not read images: the fleet is not connected');
    stdin.write('r');
    await waitForFrame(lastFrame, () => resources.calls.length === 2);
    resources.failWith = undefined;
    resources.release();
    await waitForText(lastFrame, '3f1c0a9e7b21');
  });

  it('r reads again, and so does the clock every minute while the view is shown — not after leaving it', async () => {
    const { lastFrame, stdin, resources, clock } = setup({ initialView: 'images' });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write('r');
    await waitForFrame(lastFrame, () => resources.calls.length === 2);
    clock.advance(RESOURCE_REFRESH_MS);
    await waitForFrame(lastFrame, () => resources.calls.length === 3);
    stdin.write('1');
    await waitForText(lastFrame, 'Hosts ·');
    clock.advance(3 * RESOURCE_REFRESH_MS);
    expect(resources.calls).toEqual(['images', 'images', 'images']);
  });

  it('Enter lists the hosts that have the image and the containers using it (host/name); Esc goes back', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'images' });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write('j');
    await waitForFrame(lastFrame, (f) => /^> 9b0e4d1c2a77/m.test(f));
    stdin.write('k');
    await waitForFrame(lastFrame, (f) => /^> 3f1c0a9e7b21/m.test(f));
    stdin.write(ENTER);
    const page = await waitForText(lastFrame, 'Where: 2 hosts, 3 containers');
    expect(page).toMatch(/Image · image 3f1c0a9e7b21/);
    expect(page).toMatch(/tags\s+tiny:latest/);
    expect(page).toMatch(/web-a\s+1\.2MB, used by 2/);
    expect(page).toContain('web-a/web-1');
    expect(page).toContain('web-a/worker-1');
    expect(page).toMatch(/web-b\s+1\.2MB, used by 1/);
    expect(page).toContain('web-b/web-2');
    expect(page).toMatch(/Not read \(it may be there too\)[\s\S]*web-c\s+web-c: SSH timeout/);
    stdin.write(ESC);
    await waitForFrame(lastFrame, (f) => /^Images · 2/m.test(f));
  });

  it('marks rows of a host whose data is stale', async () => {
    const { lastFrame, fleet } = setup({ initialView: 'images' });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    const hosts = fleet
      .getSnapshot()
      .hosts.map((h) =>
        h.name === 'web-b' ? { ...h, state: 'unreachable' as const, stale: true, lastSeenAt: h.since } : h,
      );
    fleet.publish({ hosts });
    const frame = await waitForText(lastFrame, 'stale');
    expect(frame).toMatch(/3f1c0a9e7b21\s+tiny:latest\s+stale 1h web-a,web-b/);
    expect(frame).toMatch(/9b0e4d1c2a77\s+<none>\s+web-a\s/);
  });

  it('/ filters the rows by ID, tag or host', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'images' });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write('/');
    stdin.write('none');
    const frame = await waitForText(lastFrame, 'Images · /none/ · 1 of 2');
    expect(frame).not.toContain('3f1c0a9e7b21');
  });

  it('when no host answered, says so and names them with why', async () => {
    const resources = new FakeResources();
    resources.listings.images = { rows: [], hosts: [], unreachable: resources.listings.images.unreachable };
    const { lastFrame } = setup({ initialView: 'images' }, resources);
    const frame = await waitForText(lastFrame, 'no host answered: no images to show');
    expect(frame).toContain('not answered: web-c');
    expect(frame).toContain('web-c: SSH timeout to 10.0.0.9:22');
  });

  it('fits 80×24: every line within 80 columns, the hosts cell kept', async () => {
    const r = renderSized(
      <App
        reader={sampleFleet()}
        readOnly={false}
        wallboard={false}
        theme={theme('none')}
        colorMode="none"
        onQuit={() => undefined}
        loadDetails={async () => {
          throw new Error('not used');
        }}
        clock={new ManualClock()}
        initialView="images"
        loadResources={new FakeResources().load}
      />,
      { columns: 80, rows: 24 },
    );
    mounted.push(r.instance);
    const frame = await waitForText(r.lastFrame, '3f1c0a9e7b21');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/3f1c0a9e7b21\s+tiny:latest\s+web-a,web-b/);
  });

  it('without a loader says images are not available here', async () => {
    const { lastFrame } = setup({ initialView: 'images', loadResources: undefined });
    await waitForText(lastFrame, 'images are not available here (no connection to the fleet)');
  });
});

describe('Volumes view', () => {
  it('lists volumes with sizes summed over hosts; Enter shows each host’s part and the containers mounting it', async () => {
    const { lastFrame, stdin, resources } = setup({ initialView: 'images' });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write(TAB);
    const frame = await waitForText(lastFrame, 'pgdata');
    expect(resources.calls).toEqual(['images', 'volumes']);
    expect(frame).toMatch(/NAME\s+DRIVER\s+HOSTS\s+SIZE\s+CONTAINERS\s+CREATED\s+DANGLING/);
    expect(frame).toMatch(/pgdata\s+local\s+web-a,web-b\s+48MB\s+2\s+2d\s+no/);
    expect(frame).toMatch(/scratch\s+local\s+web-a\s+0B\s+0\s+2d\s+yes/);
    stdin.write(ENTER);
    const page = await waitForText(lastFrame, 'Where: 2 hosts, 2 containers');
    expect(page).toMatch(/size\s+48MB \(summed: each host has its own data\)/);
    expect(page).toMatch(/web-a\s+40MB, used by 1/);
    expect(page).toContain('web-a/db-1');
    expect(page).toMatch(/web-b\s+8\.0MB, used by 1/);
  });
});

describe('Networks view', () => {
  it('lists networks (builtin ones never dangling); Enter lists the containers attached', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'networks' });
    const frame = await waitForText(lastFrame, 'bridge');
    expect(frame).toMatch(/NAME\s+DRIVER\s+SCOPE\s+HOSTS\s+CONTAINERS\s+CREATED\s+DANGLING/);
    expect(frame).toMatch(/app\s+bridge\s+local\s+web-a\s+1\s+2d\s+no/);
    expect(frame).toMatch(/bridge\s+bridge\s+local\s+web-a\s+0\s+2d\s+builtin/);
    expect(frame).toMatch(/old\s+bridge\s+local\s+web-b\s+0\s+2d\s+yes/);
    stdin.write(ENTER);
    const page = await waitForText(lastFrame, 'Network · network app');
    expect(page).toMatch(/Where: 1 host, 1 container/);
    expect(page).toContain('web-a/web-1');
  });
});

describe('help in the resource views', () => {
  it('lists Enter, r and P with what they do', async () => {
    const { lastFrame, stdin } = setup({ initialView: 'volumes' });
    await waitForText(lastFrame, 'pgdata');
    stdin.write('?');
    const help = await waitForText(lastFrame, 'Keys in the Volumes view');
    expect(help).toMatch(/Enter\s+Open: the hosts that have it and the containers using it/);
    expect(help).toMatch(/r\s+Refresh: read the volumes of every host again/);
    // No action layer in this setup: P is not bound, so not listed.
    expect(help).not.toMatch(/Prune unused/);
  });
});
