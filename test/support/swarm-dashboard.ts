import { mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { buildActionService } from '../../src/app/action-service.js';
import { startFleet, type FleetRuntime } from '../../src/app/runtime.js';
import { loadFleet } from '../../src/config/index.js';
import { logTailOpener } from '../../src/fleet/logs/open-log-tail.js';
import { loadTheme } from '../../src/theme/index.js';
import { App } from '../../src/ui/App.js';

/*
 * The dashboard (App through ink-testing-library) over a real fleet file, wired as
 * `fleetdeck` wires it: the runtime's swarm sources in the store, the action service with the
 * managers, service logs through the managers. For the lab swarm's live tests.
 */

export interface SwarmDashboard {
  ui: ReturnType<typeof render>;
  runtime: FleetRuntime;
  /** Polls the last frame until `cond` holds; the error shows the last frame. */
  frameUntil(cond: (frame: string) => boolean, what: string, timeoutMs: number): Promise<string>;
  /** Types a `:` command and Enter. */
  command(text: string): void;
  close(): Promise<void>;
}

export async function openSwarmDashboard(fleetFile: string): Promise<SwarmDashboard> {
  const config = await loadFleet({ fleetFile, env: {}, homedir: homedir() });
  const runtime = startFleet(config, { readOnly: false, historyMs: 0 });
  const snapshotStates = () =>
    (runtime.store.getSnapshot().swarms ?? []).flatMap((v) => (v.state ? [v.state] : []));
  const actions = buildActionService(runtime.apis, {
    readOnly: false,
    dataDir: mkdtempSync(join(tmpdir(), 'fleetdeck-swarm-dash-')),
    managers: runtime.swarms.managerApis,
    swarmStates: snapshotStates,
  });
  // createElement, not JSX: the support files are compiled without the project's JSX setting.
  const ui = render(
    createElement(App, {
      reader: runtime.store,
      readOnly: false,
      wallboard: false,
      // No colour: the tests read the frame's text.
      theme: loadTheme({ name: 'dark', colorMode: 'none' }).theme,
      colorMode: 'none',
      onQuit: () => undefined,
      loadDetails: () => Promise.reject(new Error('not used')),
      actions,
      onActionSettled: (plan) => {
        if ('swarm' in plan) void runtime.swarms.refresh(plan.swarm).catch(() => undefined);
      },
      openLogTail: logTailOpener(runtime.apis, {}, runtime.swarms.managerOf),
    }),
  );
  const frameUntil: SwarmDashboard['frameUntil'] = async (cond, what, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = ui.lastFrame() ?? '';
      if (cond(frame)) return frame;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${frame}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    ui,
    runtime,
    frameUntil,
    command: (text) => {
      ui.stdin.write(':');
      ui.stdin.write(text);
      ui.stdin.write('\r');
    },
    close: async () => {
      ui.unmount();
      await runtime.close();
    },
  };
}

/** The line of the frame that holds `text` ('' when none does). */
export function lineWith(frame: string, text: string): string {
  return frame.split('\n').find((l) => l.includes(text)) ?? '';
}
