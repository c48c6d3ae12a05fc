import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionExecutor, ActionService, MemoryAudit } from '../../../src/actions/index.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { image, network, ToolkitHost, use, volume } from '../toolkit/fake-toolkit.js';
import { FakeResources } from './resources-fake.js';
import { ManualClock, renderSized, sampleFleet, theme, waitForFrame, waitForText } from './support.js';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

const ENTER = '\r';

/** The real planner and executor over in-memory hosts: what P shows and does is theirs, not the UI's. */
function service(readOnly: boolean) {
  const a = new ToolkitHost('web-a');
  const b = new ToolkitHost('web-b');
  a.toolkit.images_ = [
    image('web-a', 'sha256:used', { tags: ['tiny:latest'] }),
    image('web-a', 'sha256:old0123456789', { tags: ['tiny:v0'], sizeBytes: 800_000 }),
  ];
  a.toolkit.containers_ = [use('web-a', 'web-1', { imageId: 'sha256:used', volumes: ['pgdata'] })];
  a.toolkit.volumes_ = [volume('web-a', 'pgdata'), volume('web-a', 'scratch', { sizeBytes: 5_000 })];
  b.toolkit.images_ = [image('web-b', 'sha256:none0123456789', { sizeBytes: 300_000 })];
  a.toolkit.networks_ = [
    network('web-a', 'br-a', { name: 'bridge', builtin: true }),
    network('web-a', 'net-app', { name: 'app', containers: 1 }),
  ];
  b.toolkit.networks_ = [network('web-b', 'net-old', { name: 'old' })];
  const byName = new Map([a, b].map((h) => [h.host, h]));
  const hosts = (n: string) => byName.get(n)!;
  const audit = new MemoryAudit();
  const executor = new ActionExecutor({
    readOnly,
    hosts,
    audit,
    journalDir: mkdtempSync(join(tmpdir(), 'fd-ui-prune-')),
    user: 'ops',
    machine: 'laptop',
  });
  const actions = new ActionService({
    executor,
    hosts,
    hostNames: ['web-a', 'web-b'],
    journalDir: mkdtempSync(join(tmpdir(), 'fd-ui-prune-j-')),
  });
  return { a, b, audit, actions };
}

function setup(overrides: Partial<AppProps>) {
  const resources = new FakeResources();
  const props: AppProps = {
    reader: sampleFleet(),
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => undefined,
    loadDetails: async () => {
      throw new Error('not used');
    },
    clock: new ManualClock(),
    initialView: 'images',
    loadResources: resources.load,
    ...overrides,
  };
  const r = renderSized(<App {...props} />, { columns: 120, rows: 40 });
  mounted.push(r.instance);
  return { ...r, resources };
}

describe('P in the Images and Volumes views', () => {
  it('Images: the plan (what goes, bytes per host) in the dialog; typed confirmation runs it, audited; the view reads again', async () => {
    const { a, b, audit, actions } = service(false);
    const { lastFrame, stdin, resources } = setup({ actions });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write('P');
    const plan = await waitForText(lastFrame, 'type "images" to proceed');
    expect(plan).toContain('prune images on 2 hosts: remove 2 images, frees 1.1 MB');
    expect(plan).toMatch(/1\. web-a: 1 image, frees 800 kB/);
    expect(plan).toMatch(/old012345678\w* tiny:v0 \(800 kB\)/);
    expect(plan).toMatch(/web-b: 1 image, frees 300 kB/);
    stdin.write('images');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'removed 2 of 2 images on 2 host(s), freed 1.1 MB');
    expect(a.toolkit.removed).toEqual(['sha256:old0123456789']);
    expect(b.toolkit.removed).toEqual(['sha256:none0123456789']);
    expect(
      audit.lines.map((e) => [e.action, e.target, e.phase, 'result' in e ? e.result : undefined]),
    ).toEqual([
      ['prune', 'images', 'start', undefined],
      ['prune', 'images', 'end', 'ok'],
    ]);
    await waitForFrame(lastFrame, () => resources.calls.length === 2);
  });

  it('Volumes: P prunes volumes; the one a container mounts is not in the plan; Esc cancels, nothing removed', async () => {
    const { a, actions } = service(false);
    const { lastFrame, stdin } = setup({ actions, initialView: 'volumes' });
    await waitForText(lastFrame, 'pgdata');
    stdin.write('P');
    const plan = await waitForText(lastFrame, 'type "volumes" to proceed');
    expect(plan).toContain('remove 1 unused volume');
    expect(plan).toMatch(/web-a: 1 unused volume, frees 5 kB/);
    expect(plan).not.toMatch(/\d\.\s+pgdata/);
    stdin.write('\x1b');
    await waitForFrame(lastFrame, (f) => /^Volumes · /m.test(f));
    expect(a.toolkit.removed).toEqual([]);
  });

  it('Networks: P prunes the unused user networks (not builtin, not attached) once "networks" is typed', async () => {
    const { a, b, actions } = service(false);
    const { lastFrame, stdin } = setup({ actions, initialView: 'networks' });
    await waitForText(lastFrame, 'bridge');
    stdin.write('P');
    const plan = await waitForText(lastFrame, 'type "networks" to proceed');
    expect(plan).toContain('prune networks on 2 hosts: remove 1 unused network');
    expect(plan).toMatch(/1\. web-a: 0 unused networks/);
    expect(plan).toMatch(/2\. web-b: 1 unused network\s/);
    expect(plan).toMatch(/3\.\s+old/);
    stdin.write('networks');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'removed 1 of 1 networks on 2 host(s)');
    expect(a.toolkit.removed).toEqual([]);
    expect(b.toolkit.removed).toEqual(['net-old']);
  });

  it('read-only: P still shows the plan, and the executor refuses it (audited, nothing removed)', async () => {
    const { a, b, audit, actions } = service(true);
    const { lastFrame, stdin } = setup({ readOnly: true, pruneActions: actions });
    await waitForText(lastFrame, '3f1c0a9e7b21');
    stdin.write('P');
    const refused = await waitForText(lastFrame, '✗ refused: read-only mode: prune of images refused');
    expect(refused).toContain('nothing was sent');
    expect(refused).toMatch(/web-a: 1 image, frees 800 kB/);
    expect(a.toolkit.removed).toEqual([]);
    expect(b.toolkit.removed).toEqual([]);
    expect(audit.entries).toEqual([
      expect.objectContaining({ action: 'prune', phase: 'end', result: 'refused' }),
    ]);
    // The other action keys stay unbound in read-only; help lists P with its refusal.
    stdin.write(ENTER);
    await waitForFrame(lastFrame, (f) => /^Images · /m.test(f));
    stdin.write('?');
    const help = await waitForText(lastFrame, 'Keys in the Images view');
    expect(help).toMatch(/P\s+Prune unused images: .*refused in read-only/);
  });
});
