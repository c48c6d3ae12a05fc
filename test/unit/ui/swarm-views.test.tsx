import { afterEach, describe, expect, it } from 'vitest';
import { App, type AppProps } from '../../../src/ui/App.js';
import { FakeActions } from './actions-fake.js';
import { host, FakeFleet, ManualClock, renderSized, theme, waitForFrame, waitForText } from './support.js';
import { prodView } from './swarm-fixture.js';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

const ENTER = '\r';
const lineOf = (frame: string, text: string): string => frame.split('\n').find((l) => l.includes(text)) ?? '';

function setup(overrides: Partial<AppProps> = {}) {
  // w1 is also under hosts: (joined by its hostname): shown once, as that host.
  const fleet = new FakeFleet({ hosts: [host('w1')], swarms: [prodView()] });
  const actions = new FakeActions();
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => undefined,
    loadDetails: () => Promise.reject(new Error('not used')),
    clock: new ManualClock(),
    actions,
    ...overrides,
  };
  const r = renderSized(<App {...props} />, { columns: 160, rows: 40 });
  mounted.push(r.instance);
  const command = (text: string) => {
    r.stdin.write(':');
    r.stdin.write(text);
    r.stdin.write(ENTER);
  };
  return { ...r, fleet, actions, command };
}

describe('swarm views', () => {
  it(':nodes lists every node with role, leader, availability, status, engine, tasks and the joined host', async () => {
    const { lastFrame, command } = setup();
    command('nodes');
    const f = await waitForText(lastFrame, 'Swarm nodes');
    expect(lineOf(f, 'm1')).toMatch(/prod\s+m1\s+manager ★\s+active\s+ready\s+0\/0\s+24\.0\.7/);
    expect(lineOf(f, 'w2')).toMatch(/w2\s+worker\s+active\s+ready\s+2\/3/);
    expect(lineOf(f, 'w1 ')).toMatch(/w1\s+worker.*\s+w1\s*$/);
  });

  it('Hosts shows each node once: a joined host carries its node, the others are grouped under the swarm', async () => {
    const { lastFrame } = setup();
    const f = await waitForText(lastFrame, 'Hosts ·');
    expect(f.split('\n').filter((l) => /^\s*>?\s*w1\s/.test(l))).toHaveLength(1);
    expect(lineOf(f, 'w1')).toContain('swarm prod · worker · active · ready');
    expect(lineOf(f, 'm1')).toMatch(/m1\s+up.*swarm prod.*manager ★/);
    expect(lineOf(f, 'w2')).toMatch(/w2\s+up.*swarm prod/);
    expect(lineOf(f, 'fleetdeck')).toContain('1/1 up · nodes 3/3 ready');
  });

  it(':services shows desired vs running per node, image drift and the last task error with its age', async () => {
    const { lastFrame, command } = setup();
    command('services');
    const f = await waitForText(lastFrame, 'Swarm services');
    const web = lineOf(f, 'web');
    expect(web).toMatch(/web\s+replicated\s+3\/3/);
    expect(web).toContain('2 images: web:0.9, web:1.0');
    expect(web).toContain('w1 1/1, w2 2/2');
    const api = lineOf(f, 'api');
    expect(api).toMatch(/api\s+replicated\s+1\/2/);
    expect(api).toContain('task: non-zero exit (1) · w1 · 2m ago');
  });

  it('Roles lists the services as roles (their task containers are not roles of their own)', async () => {
    const fleet = new FakeFleet({ hosts: [host('w1')], swarms: [prodView()] });
    const { lastFrame, stdin } = setup({ reader: fleet });
    stdin.write('2');
    const f = await waitForText(lastFrame, 'Roles ·');
    expect(lineOf(f, 'api')).toMatch(/api\s+1\/2/);
    expect(lineOf(f, 'web')).toMatch(/web\s+3\/3/);
  });

  it('Enter on a service opens :tasks of it; :tasks SERVICE does too', async () => {
    const { lastFrame, stdin, command } = setup();
    command('services');
    await waitForFrame(lastFrame, (f) => /^> prod\s+api/m.test(f));
    stdin.write(ENTER);
    const f = await waitForText(lastFrame, 'Swarm tasks · prod/api');
    expect(f).toMatch(/api\.2\s+w1\s+failed\s+shutdown.*task: non-zero exit \(1\)/);
    expect(f).toMatch(/api\.2\s+w2\s+pending\s+running/);
    command('tasks web');
    await waitForText(lastFrame, 'Swarm tasks · prod/web');
    command('tasks nope');
    await waitForText(lastFrame, 'no service "nope" in the swarms read (prod)');
  });

  it('Tab goes on after the other views to :services and :nodes, then back to Hosts, when the fleet has swarms', async () => {
    const { lastFrame, stdin } = setup();
    stdin.write('\x1b[Z'); // Shift-Tab from Hosts: the last of the ring
    await waitForText(lastFrame, 'Swarm nodes ·');
    stdin.write('\x1b[Z');
    await waitForText(lastFrame, 'Swarm services ·');
    stdin.write('\x1b[Z');
    await waitForText(lastFrame, 'Networks');
    stdin.write('\t');
    await waitForText(lastFrame, 'Swarm services ·');
    stdin.write('\t');
    await waitForText(lastFrame, 'Swarm nodes ·');
    stdin.write('\t');
    await waitForText(lastFrame, 'Hosts ·');
  });

  it('D on a node plans a drain of it through the action flow; A an activate', async () => {
    const { lastFrame, stdin, command, actions } = setup();
    command('nodes');
    await waitForText(lastFrame, 'Swarm nodes');
    stdin.write('G');
    await waitForFrame(lastFrame, (f) => /^> prod\s+w2/m.test(f));
    stdin.write('D');
    await waitForFrame(lastFrame, () => actions.plans.length === 1);
    expect(actions.plans[0]).toMatchObject({ kind: 'node-drain', target: 'node:id-w2' });
    expect(actions.targets[0]).toEqual({ kind: 'node', swarm: 'prod', node: 'id-w2', hostname: 'w2' });
  });

  it('s on a service asks the replicas (its count now offered) and plans the scale; F and B plan at once', async () => {
    const { lastFrame, stdin, command, actions } = setup();
    command('services');
    await waitForFrame(lastFrame, (f) => /^> prod\s+api/m.test(f));
    stdin.write('j');
    await waitForFrame(lastFrame, (f) => /^> prod\s+web/m.test(f));
    stdin.write('s');
    await waitForText(lastFrame, 'Replicas for web (now 3)');
    stdin.write('\x7f');
    stdin.write('x');
    stdin.write(ENTER);
    await waitForText(lastFrame, '"x" is not a whole number of replicas');
    stdin.write('\x7f');
    stdin.write('6');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, () => actions.plans.length === 1);
    expect(actions.plans[0]).toEqual({
      kind: 'swarm-scale',
      target: 'service:prod/web',
      params: { replicas: 6 },
    });
  });

  it('read-only: the swarm keys are neither bound nor planned', async () => {
    const { lastFrame, stdin, command, actions } = setup({ readOnly: true });
    command('services');
    await waitForFrame(lastFrame, (f) => /^> prod\s+api/m.test(f));
    for (const k of ['s', 'F', 'B']) stdin.write(k);
    command('nodes');
    await waitForText(lastFrame, 'Swarm nodes');
    for (const k of ['D', 'A']) stdin.write(k);
    command('help');
    const help = await waitForText(lastFrame, 'Help');
    expect(help).not.toContain('Drain the node');
    expect(actions.plans).toHaveLength(0);
  });

  it('l on a service opens its logs (from its manager), each task named', async () => {
    const opened: unknown[] = [];
    const { lastFrame, stdin, command } = setup({
      openLogTail: (containers, services) => {
        opened.push({ containers, services });
        throw new Error('stop here');
      },
    });
    command('services');
    await waitForFrame(lastFrame, (f) => /^> prod\s+api/m.test(f));
    try {
      stdin.write('l');
    } catch {
      // the fake opener throws once it has what it was given
    }
    await waitForFrame(lastFrame, () => opened.length === 1);
    expect(opened[0]).toMatchObject({
      containers: [],
      services: [{ swarm: 'prod', id: 'svc-api', name: 'api', nodes: { 'id-w1': 'w1' } }],
    });
  });
});
