import { homedir } from 'node:os';
import { join } from 'node:path';
import { configDir, shellFor } from '../../config/index.js';
import { logTailOpener } from '../../fleet/logs/open-log-tail.js';
import { recentLogReader } from '../../fleet/logs/recent-lines.js';
import { collectResources } from '../../fleet/resources/collect.js';
import { loadTheme, resolveColorMode, type ColorFlag } from '../../theme/index.js';
import { buildActionService } from '../action-service.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { holdProcessOpen } from '../keep-alive.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { startFleet } from '../runtime.js';
import { eventsHistoryMs } from '../events-since.js';
import { capYoungGeneration, startHeapTrim } from '../heap-trim.js';
import { shellPort } from '../shell-port.js';
import { unlockSshKeys } from '../ssh-auth.js';
import { actionDataDir } from './actions/context.js';
import type { FleetSnapshot } from '../../fleet/snapshot.js';
import type { SwarmState } from '../../domain/swarm.js';

const swarmStatesOf = (snapshot: FleetSnapshot): SwarmState[] =>
  (snapshot.swarms ?? []).flatMap((v) => (v.state ? [v.state] : []));

export interface DashboardFlags extends ConfigFlags {
  readOnly?: boolean;
  wallboard?: boolean;
  theme?: string;
  /** `--events-since 15m`: how far back each daemon's event history is read (0 = none). */
  eventsSince?: string;
  color?: string;
}

const COLOR_FLAGS = ['always', 'never', 'auto'] as const;

function colorFlag(value: string | undefined): ColorFlag | undefined {
  if (value === undefined) return undefined;
  if ((COLOR_FLAGS as readonly string[]).includes(value)) return value as ColorFlag;
  throw new UserError(`--color takes always, never or auto (got "${value}")`, EXIT_BAD_INPUT);
}

/**
 * `fleetdeck` with no subcommand: the live fleet in the dashboard. Every way out — q, Ctrl-C,
 * SIGTERM, SIGHUP, a crash — restores the terminal and closes the SSH connections.
 */
export async function runDashboardCommand(flags: DashboardFlags, io: CommandIo): Promise<number> {
  capYoungGeneration();
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  const readOnly = Boolean(flags.readOnly || flags.wallboard);
  const stdout = process.stdout;
  const colorMode = resolveColorMode({
    flag: colorFlag(flags.color),
    env: io.env,
    isTTY: Boolean(stdout.isTTY),
  });
  const themeDir = join(configDir({ env: io.env, homedir: homedir() }), 'themes');
  const { theme, warnings } = loadTheme({
    name: flags.theme ?? io.env.FLEETDECK_THEME ?? config.settings.theme,
    userDir: themeDir,
    colorMode,
  });

  // Passphrases are asked before the dashboard takes the screen.
  await unlockSshKeys(config);
  const history = eventsHistoryMs(flags.eventsSince, config.settings);
  const runtime = startFleet(config, { readOnly, ...(history !== undefined ? { historyMs: history } : {}) });
  // Ink and React load while the handshakes are in flight (~0.3 s of the start on this machine):
  // the connections start first, the screen follows.
  const { restoreTerminal, runDashboard } = await import('../../ui/run-dashboard.js');
  // Until quit or a signal, even when every host is down and nothing else is pending.
  const releaseProcess = holdProcessOpen();
  const stopHeapTrim = startHeapTrim();
  let exitCode = EXIT_OK;
  const onSignal = (signal: NodeJS.Signals) => {
    exitCode = signal === 'SIGTERM' ? 143 : 129;
    restoreTerminal();
  };
  const onCrash = (err: unknown) => {
    restoreTerminal();
    io.stderr.write(`fleetdeck: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    exitCode = EXIT_FAILURE;
    void runtime.close().finally(() => process.exit(EXIT_FAILURE));
  };
  // Read-only (and wallboard): no action layer at all, so the keys are neither bound nor shown.
  const actions = readOnly
    ? undefined
    : buildActionService(runtime.apis, {
        readOnly: false,
        dataDir: actionDataDir(flags, io.env),
        snapshots: config.settings.snapshots,
        managers: runtime.swarms.managerApis,
        swarmStates: () => swarmStatesOf(runtime.store.getSnapshot()),
      });
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  try {
    await runDashboard({
      reader: runtime.store,
      readOnly,
      wallboard: Boolean(flags.wallboard),
      theme,
      colorMode,
      warnings,
      themeDir,
      loadDetails: async (host, id) => {
        const api = runtime.apis.get(host);
        if (!api) throw new Error(`${host}: not in the fleet`);
        return api.inspectContainer(id);
      },
      onVisibleContainersChange: (keys) => runtime.sampler.setVisible(keys),
      actions,
      // `e`: a shell over the host's connection, through the same executor as every action.
      openShell: actions && shellPort(actions, (role) => shellFor(config.settings.roles, role)),
      // Images, volumes, networks: read on entering their view, every host side by side.
      loadResources: (kind) => collectResources(kind, [...runtime.apis.values()]),
      // P there plans in read-only mode too; this executor refuses the plan (and audits the refusal).
      pruneActions:
        readOnly && !flags.wallboard
          ? buildActionService(runtime.apis, { readOnly: true, dataDir: actionDataDir(flags, io.env) })
          : undefined,
      onActionSettled: (plan) => {
        for (const host of plan.hosts) void runtime.refresh(host).catch(() => undefined);
        // A swarm change is re-read at once (the manager's events follow it too).
        if ('swarm' in plan) void runtime.swarms.refresh(plan.swarm).catch(() => undefined);
      },
      // Log streams are channels on each host's existing SSH connection (services: the manager's).
      openLogTail: logTailOpener(runtime.apis, {}, runtime.swarms.managerOf),
      readRecentLogs: recentLogReader(runtime.apis),
      logsDir: join(actionDataDir(flags, io.env), 'logs'),
      stdout,
      stdin: process.stdin,
    });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    stopHeapTrim();
    await runtime.close();
    releaseProcess();
  }
  return exitCode;
}
