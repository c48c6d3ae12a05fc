import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOutcome } from '../../../src/actions/index.js';
import { App, type AppProps } from '../../../src/ui/App.js';
import { TerminalHandoffContext } from '../../../src/ui/shell/handoff-context.js';
import type { OpenShell, ShellTarget, TerminalHandoff } from '../../../src/ui/shell/types.js';
import { findBinding } from '../../../src/ui/keymap.js';
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
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

const handoff: TerminalHandoff = {
  take: () => {
    throw new Error('the fake port takes nothing');
  },
  giveBack: () => undefined,
};

/** A port that records what it was asked and answers with the outcome the test gives. */
function fakePort() {
  const calls: ShellTarget[] = [];
  let answer: (o: ActionOutcome) => void = () => undefined;
  const port: OpenShell = (target, terminal) => {
    calls.push(target);
    expect(terminal).toBe(handoff);
    return new Promise((resolve) => (answer = resolve));
  };
  return {
    port,
    calls,
    answer: (o: Partial<ActionOutcome>) =>
      answer({ durationMs: 1, details: {}, message: '', result: 'ok', ...o }),
  };
}

function setup(overrides: Partial<AppProps> = {}) {
  const fleet = sampleFleet();
  const props: AppProps = {
    reader: fleet,
    readOnly: false,
    wallboard: false,
    theme: theme('none'),
    colorMode: 'none',
    onQuit: () => undefined,
    loadDetails: async (h, id) =>
      details(fleet.getSnapshot().containers.find((c) => c.host === h && c.id === id)!),
    clock: new ManualClock(),
    initialView: 'containers',
    actions: new FakeActions(),
    ...overrides,
  };
  const r = renderSized(
    <TerminalHandoffContext.Provider value={handoff}>
      <App {...props} />
    </TerminalHandoffContext.Provider>,
    { columns: 120, rows: 40 },
  );
  mounted.push(r.instance);
  return r;
}

describe('e: a shell in the selected container', () => {
  it('hands the container and its role to the port; the same view and cursor after, with the exit said', async () => {
    const shell = fakePort();
    const { lastFrame, stdin } = setup({ openShell: shell.port });
    await waitForText(lastFrame, 'web-1');
    stdin.write('j');
    const before = await waitForFrame(lastFrame, (f) => /^> web-a\s+db-1\s/m.test(f));
    stdin.write('e');
    await waitForText(lastFrame, 'opening a shell in web-a/db-1');
    expect(shell.calls).toEqual([
      { host: 'web-a', id: 'web-a-db-1-0123456789abcdef', name: 'db-1', role: 'db' },
    ]);
    shell.answer({ details: { results: [{ host: 'web-a', name: 'db-1', exitCode: 0 }] } });
    const after = await waitForText(lastFrame, 'shell in web-a/db-1 ended (exit 0)');
    expect(after).toMatch(/^> web-a\s+db-1\s/m);
    expect(after.split('\n').slice(0, 5)).toEqual(before.split('\n').slice(0, 5));
  });

  it('shows the executor’s refusal (read-only is refused below the UI, nothing was sent)', async () => {
    const shell = fakePort();
    const { lastFrame, stdin } = setup({ openShell: shell.port });
    await waitForText(lastFrame, 'web-1');
    stdin.write('e');
    await waitForFrame(lastFrame, () => shell.calls.length === 1);
    shell.answer({
      result: 'refused',
      message: 'read-only mode: exec of web-a/web-1 refused — nothing was sent',
    });
    await waitForText(lastFrame, 'shell in web-a/web-1: read-only mode: exec of web-a/web-1 refused');
  });

  it('read-only: e is neither bound nor listed, and the port is never called', async () => {
    expect(findBinding('containers', 'e', { readOnly: true, canAct: true })).toBeUndefined();
    expect(findBinding('details', 'e', { readOnly: false, canAct: true })?.id).toBe('action.shell');
    const shell = fakePort();
    const { lastFrame, stdin } = setup({ openShell: shell.port, readOnly: true });
    await waitForText(lastFrame, 'web-1');
    stdin.write('e');
    stdin.write('?');
    const help = await waitForText(lastFrame, 'Keys in the Containers view');
    expect(help).not.toContain('Shell in the container');
    expect(shell.calls).toEqual([]);
  });
});
