import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOutcome, ActionPlan, RolloutJournal } from '../../../src/actions/index.js';
import type { ContainerDetails } from '../../../src/domain/details.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { FakeActions } from './actions-fake.js';
import {
  details,
  ManualClock,
  renderSized,
  sampleFleet,
  theme,
  waitForFrame,
  waitForText,
} from './support.js';

const mounted: Array<{ unmount(): void }> = [];
function cleanup(): void {
  for (const m of mounted.splice(0)) m.unmount();
}
afterEach(cleanup);

const ESC = '\x1b';
const DOWN = '\x1b[B';
const ENTER = '\r';
const BACKSPACE = '\x7f';
const CTRL_C = '\x03';

function setup(overrides: Partial<AppProps> = {}, detailsOf: Partial<ContainerDetails> = {}) {
  const fleet = sampleFleet();
  const actions = new FakeActions();
  const settled: Array<{ plan: ActionPlan; outcome: ActionOutcome }> = [];
  let quits = 0;
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => quits++,
    loadDetails: async (h, id) => {
      const c = fleet.getSnapshot().containers.find((x) => x.host === h && x.id === id);
      if (!c) throw new Error('no such container');
      return details(c, detailsOf);
    },
    clock: new ManualClock(),
    initialView: 'containers',
    actions,
    onActionSettled: (plan, outcome) => settled.push({ plan, outcome }),
    ...overrides,
  };
  const r = renderSized(<App {...props} />, { columns: 120, rows: 60 });
  mounted.push(r.instance);
  return { ...r, actions: props.actions as FakeActions, settled, quits: () => quits };
}

/** In the Roles view (db, web, worker): puts the cursor on web. */
async function selectWebRole(lastFrame: () => string | undefined, stdin: { write(s: string): void }) {
  await waitForText(lastFrame, 'Roles ·');
  stdin.write('j');
  await waitForFrame(lastFrame, (f) => /^> web\s/m.test(f));
}

/** Waits until the fake has seen `n` runs (they start on the confirming key, asynchronously). */
async function runsReach(
  actions: FakeActions,
  n: number,
  lastFrame: () => string | undefined,
): Promise<void> {
  await waitForFrame(lastFrame, () => actions.runs.length >= n);
}

describe('actions in the dashboard: confirm and run', () => {
  it('r on a container shows the plan (summary, steps, hosts) and runs it on y', async () => {
    const { lastFrame, stdin, actions, settled } = setup();
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    const frame = await waitForText(lastFrame, 'restart web-a/web-1 — proceed? [y/N]');
    expect(frame).toContain('hosts: web-a');
    expect(frame).toMatch(/1\. web-a: restart web-1 step one[\s\S]*2\. web-a: restart web-1 step two/);
    expect(actions.plans).toEqual([{ kind: 'restart', target: 'web-a/web-1', params: {} }]);
    // Handed over as the row's own host and id: the action layer neither parses nor looks it up.
    expect(actions.targets).toEqual([
      { kind: 'container', host: 'web-a', id: 'web-a-web-1-0123456789abcdef', name: 'web-1' },
    ]);
    expect(actions.runs).toHaveLength(0);
    stdin.write('y');
    await runsReach(actions, 1, lastFrame);
    expect(actions.runs[0]?.opts.confirm).toBe(true);
    await waitForText(lastFrame, 'running…');
    actions.progress('stopping web-1 with SIGQUIT', 'web-a');
    await waitForText(lastFrame, 'web-a: stopping web-1 with SIGQUIT');
    actions.finish({ result: 'ok', message: 'web-a/web-1 restarted' });
    await waitForText(lastFrame, '✓ done: web-a/web-1 restarted');
    expect(settled.map((s) => s.plan.hosts)).toEqual([['web-a']]);
    stdin.write(ENTER);
    await waitForFrame(lastFrame, (f) => f.includes('Containers ·') && !f.includes('✓ done'));
  });

  it('keeps keys inside the dialog: q does not quit while confirming', async () => {
    const { lastFrame, stdin, actions, quits } = setup();
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    await waitForText(lastFrame, 'proceed?');
    stdin.write('q');
    stdin.write('3');
    await waitForText(lastFrame, 'proceed?');
    expect(quits()).toBe(0);
    expect(actions.runs).toHaveLength(0);
  });

  it('Esc at the confirmation cancels: nothing runs', async () => {
    const { lastFrame, stdin, actions } = setup();
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    await waitForText(lastFrame, 'proceed?');
    stdin.write(ESC);
    await waitForFrame(lastFrame, (f) => f.includes('Containers ·') && !f.includes('proceed?'));
    stdin.write('y');
    await waitForText(lastFrame, 'Containers ·');
    expect(actions.runs).toHaveLength(0);
  });

  it('a role-wide restart requires the role name typed exactly; a wrong name does not run', async () => {
    const { lastFrame, stdin, actions } = setup({ initialView: 'roles' });
    await selectWebRole(lastFrame, stdin);
    stdin.write('r');
    await waitForText(lastFrame, 'type "web" to proceed');
    expect(actions.plans).toEqual([{ kind: 'restart', target: 'role:web', params: {} }]);
    stdin.write('y');
    stdin.write('wbe');
    stdin.write(ENTER);
    await waitForText(lastFrame, '"ywbe" does not match — type web exactly');
    expect(actions.runs).toHaveLength(0);
    for (let i = 0; i < 4; i++) stdin.write(BACKSPACE);
    stdin.write('web');
    stdin.write(ENTER);
    await runsReach(actions, 1, lastFrame);
    expect(actions.runs[0]?.opts.confirm).toBe('web');
  });

  it('shows progress lines and a failed redeploy with the failing replica reason', async () => {
    const { lastFrame, stdin, actions, settled } = setup({ initialView: 'roles' });
    await selectWebRole(lastFrame, stdin);
    stdin.write('R');
    const prompt = await waitForText(lastFrame, 'New image for role web');
    // Prefilled with the role's current image, to edit.
    expect(prompt).toContain('> registry.example.com/shop/web:1.4_');
    for (let i = 0; i < 3; i++) stdin.write(BACKSPACE);
    stdin.write('2.0');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'type "web" to proceed');
    expect(actions.plans.at(-1)).toEqual({
      kind: 'redeploy',
      target: 'role:web',
      params: { image: 'registry.example.com/shop/web:2.0' },
    });
    stdin.write('web');
    stdin.write(ENTER);
    await runsReach(actions, 1, lastFrame);
    actions.progress('batch 1/2: web-1 → web:2.0 (start-first)', 'web-a');
    actions.progress('web-1: waiting for healthy', 'web-a');
    await waitForText(lastFrame, 'web-a: web-1: waiting for healthy');
    actions.finish({
      result: 'failed',
      message:
        'failed in batch 0 — rollout stopped, batch rolled back to its old image (web-a/web-1)\n  web-a/web-1: health check failed 3 times',
    });
    const frame = await waitForText(lastFrame, '✗ failed: failed in batch 0');
    expect(frame).toContain('web-a/web-1: health check failed 3 times');
    expect(frame).toContain('web-a: batch 1/2: web-1 → web:2.0 (start-first)');
    expect(settled[0]?.outcome.result).toBe('failed');
  });

  it('Esc and Ctrl-C during a run cancel it through the abort signal', async () => {
    const { lastFrame, stdin, actions } = setup();
    await waitForText(lastFrame, 'web-1');
    stdin.write('r');
    await waitForText(lastFrame, 'proceed?');
    stdin.write('y');
    await runsReach(actions, 1, lastFrame);
    expect(actions.runs[0]?.opts.signal?.aborted).toBe(false);
    stdin.write(CTRL_C);
    await waitForText(lastFrame, '■ cancelled');
    expect(actions.runs[0]?.opts.signal?.aborted).toBe(true);
  });

  it('shows why a plan could not be made', async () => {
    const { lastFrame, stdin, actions } = setup();
    actions.planError = new Error('no container matches "web-a/web-1" — check that web-a is reachable');
    await waitForText(lastFrame, 'web-1');
    stdin.write('s');
    await waitForText(lastFrame, 'check that web-a is reachable');
    expect(actions.plans[0]?.kind).toBe('snapshot');
    stdin.write(ENTER);
    await waitForFrame(lastFrame, (f) => f.includes('Containers ·') && !f.includes('check that web-a'));
  });
});

describe('actions in the dashboard: signals and graceful stop', () => {
  it("K opens a signal menu whose default is the container's stop signal", async () => {
    const { lastFrame, stdin, actions } = setup({}, { stopSignal: 'SIGWINCH' });
    await waitForText(lastFrame, 'web-1');
    stdin.write('K');
    const menu = await waitForText(lastFrame, 'its stop signal is SIGWINCH');
    expect(menu).toMatch(/› SIGWINCH\s+stop signal/);
    expect(menu).toContain('SIGHUP');
    expect(menu).toContain('SIGKILL');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'type "web-1" to proceed');
    expect(actions.plans).toEqual([{ kind: 'kill', target: 'web-a/web-1', params: { signal: 'SIGWINCH' } }]);
  });

  it('K sends the signal chosen in the menu', async () => {
    const { lastFrame, stdin, actions } = setup({}, { stopSignal: undefined });
    await waitForText(lastFrame, 'web-1');
    stdin.write('K');
    await waitForText(lastFrame, 'its stop signal is SIGTERM');
    stdin.write(DOWN); // SIGTERM is first (the default stop signal), then SIGHUP
    await waitForText(lastFrame, '› SIGHUP');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'type "web-1" to proceed');
    stdin.write('web-1');
    stdin.write(ENTER);
    await runsReach(actions, 1, lastFrame);
    expect(actions.plans[0]).toEqual({ kind: 'kill', target: 'web-a/web-1', params: { signal: 'SIGHUP' } });
    expect(actions.runs[0]?.opts.confirm).toBe('web-1');
  });

  it("S prompts for the timeout, default the container's stop timeout", async () => {
    const { lastFrame, stdin, actions } = setup({}, { stopTimeout: 45 });
    await waitForText(lastFrame, 'web-1');
    stdin.write('S');
    const prompt = await waitForText(lastFrame, 'to SIGKILL (its own: 45)');
    expect(prompt).toContain('> 45_');
    stdin.write(BACKSPACE);
    stdin.write(BACKSPACE);
    stdin.write('x');
    stdin.write(ENTER);
    await waitForText(lastFrame, '"x" is not a number of seconds');
    expect(actions.plans).toEqual([]);
    stdin.write(BACKSPACE);
    stdin.write('5');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'type "web-1" to proceed');
    expect(actions.plans).toEqual([{ kind: 'stop', target: 'web-a/web-1', params: { timeoutSeconds: 5 } }]);
  });

  it('S takes the default timeout with Enter', async () => {
    const { lastFrame, stdin, actions } = setup({}, { stopTimeout: undefined });
    await waitForText(lastFrame, 'web-1');
    stdin.write('S');
    await waitForText(lastFrame, '> 10_');
    stdin.write(ENTER);
    await waitForText(lastFrame, 'to proceed');
    expect(actions.plans[0]?.params).toEqual({ timeoutSeconds: 10 });
  });
});

describe('actions in the dashboard: read-only', () => {
  it('hides and unbinds r, s, K, S (containers) and r, R (roles); help does not list them', async () => {
    const { lastFrame, stdin, actions } = setup({ readOnly: true });
    await waitForText(lastFrame, 'web-1');
    for (const key of ['r', 's', 'K', 'S']) stdin.write(key);
    stdin.write('?');
    const help = await waitForText(lastFrame, 'Keys in the Containers view');
    for (const text of ['Restart', 'Snapshot', 'Send a signal', 'Stop gracefully']) {
      expect(help).not.toContain(text);
    }
    stdin.write('2');
    await waitForText(lastFrame, 'Roles ·');
    stdin.write('r');
    stdin.write('R');
    stdin.write('?');
    const roles = await waitForText(lastFrame, 'Keys in the Roles view');
    expect(roles).not.toContain('Rolling restart');
    expect(roles).not.toContain('Redeploy');
    expect(actions.plans).toEqual([]);
  });

  it('lists every action key in help when actions are available', async () => {
    const { lastFrame, stdin } = setup();
    await waitForText(lastFrame, 'web-1');
    stdin.write('?');
    const help = await waitForText(lastFrame, 'Keys in the Containers view');
    for (const text of ['Restart', 'Snapshot', 'Send a signal', 'Stop gracefully']) {
      expect(help).toContain(text);
    }
  });
});

function journal(role: string): RolloutJournal {
  return {
    id: 'r-20250115-1200',
    role,
    image: 'shop/web:2.0',
    user: 'ops',
    machine: 'laptop',
    startedAt: '2025-01-15T12:00:00Z',
    state: 'running',
    waitSeconds: 5,
    healthTimeoutSeconds: 60,
    batchSize: 1,
    replicas: [
      {
        host: 'web-a',
        name: 'web-1',
        oldId: 'a',
        oldImage: 'shop/web:1.4',
        newImage: 'shop/web:2.0',
        order: 'start-first',
        oldWasRunning: true,
        batch: 0,
        phase: 'done',
      },
      {
        host: 'web-b',
        name: 'web-2',
        oldId: 'b',
        oldImage: 'shop/web:1.4',
        newImage: 'shop/web:2.0',
        order: 'start-first',
        oldWasRunning: true,
        batch: 1,
        phase: 'creating',
      },
    ],
  };
}

describe('actions in the dashboard: interrupted rollouts', () => {
  it('offers them at start, and rolls back through the same confirm flow', async () => {
    const fake = new FakeActions();
    fake.journals = [journal('web')];
    const { lastFrame, stdin, actions } = setup({ actions: fake });
    const frame = await waitForText(lastFrame, 'Interrupted rollouts');
    expect(fake.interruptedAsked).toBe(1);
    expect(frame).toContain('role web: rollout r-20250115-1200 to shop/web:2.0 — 1/2 done');
    expect(frame).toContain('in flight: web-b/web-2 (creating); started 2025-01-15T12:00:00Z by ops@laptop');
    expect(frame).toContain('r resume  b roll back');
    stdin.write('b');
    await waitForText(lastFrame, 'type "web" to proceed');
    expect(actions.plans).toEqual([
      { kind: 'redeploy-recover', target: 'role:web', params: { mode: 'rollback' } },
    ]);
    stdin.write('web');
    stdin.write(ENTER);
    await runsReach(actions, 1, lastFrame);
    expect(actions.runs[0]?.plan.kind).toBe('redeploy-recover');
  });

  it('resumes with r, and Esc dismisses the offer', async () => {
    const fake = new FakeActions();
    fake.journals = [journal('web')];
    const first = setup({ actions: fake });
    await waitForText(first.lastFrame, 'Interrupted rollouts');
    first.stdin.write('r');
    await waitForText(first.lastFrame, 'to proceed');
    expect(fake.plans.at(-1)?.params).toEqual({ mode: 'resume' });
    cleanup();

    const other = new FakeActions();
    other.journals = [journal('api')];
    const second = setup({ actions: other });
    await waitForText(second.lastFrame, 'Interrupted rollouts');
    second.stdin.write(ESC);
    await waitForFrame(second.lastFrame, (f) => f.includes('Containers ·') && !f.includes('Interrupted'));
    expect(other.plans).toEqual([]);
  });

  it('is not offered in read-only mode', async () => {
    const fake = new FakeActions();
    fake.journals = [journal('web')];
    const { lastFrame, stdin } = setup({ actions: fake, readOnly: true });
    await waitForText(lastFrame, 'web-1');
    stdin.write('?');
    await waitForText(lastFrame, 'Keys in the Containers view');
    expect(fake.interruptedAsked).toBe(0);
    expect(lastFrame()).not.toContain('Interrupted');
  });
});
