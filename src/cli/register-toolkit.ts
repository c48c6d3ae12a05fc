import { Argument, type Command } from 'commander';
import type { RunFlags } from '../app/commands/actions/run-action.js';
import type { CommandIo } from '../app/io.js';
import type { ResourceKind } from '../domain/resources/types.js';
import type { Globals, SetHandler } from './program-types.js';
import { outputOptions } from './register-list.js';

/*
 * The operator's toolkit: images, volumes, networks (reads), prune and exec (actions, through the
 * one executor). Definitions only; each handler is
 * loaded with import() when its command runs, like the other registrars.
 */

const DESCRIPTIONS: Record<ResourceKind, string> = {
  images: 'images across the fleet: one row per image ID with its hosts, size, containers using it, dangling',
  volumes: 'volumes across the fleet: one row per volume with its hosts, size, containers using it, dangling',
  networks: 'networks across the fleet: one row per network with its hosts, containers attached, dangling',
};

export function registerToolkitCommands(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  for (const kind of ['images', 'volumes', 'networks'] as const) {
    outputOptions(
      program.command(kind).description(DESCRIPTIONS[kind]).option('--host <name>', 'only this host'),
    ).action((opts: object) =>
      setHandler(async () =>
        (await import('../app/commands/resources.js')).resourcesCommand(kind, { ...globals(), ...opts }, io),
      ),
    );
  }
}

/** `fleetdeck prune images|containers|volumes|networks`: a plan, confirmation, then exactly that removed. */
export function registerPruneCommand(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  program
    .command('prune')
    .description(
      'remove unused images, stopped containers, unused volumes or networks: plan first (what, bytes freed per host), then confirm',
    )
    .addArgument(
      new Argument('<what>', 'what to prune').choices(['images', 'containers', 'volumes', 'networks']),
    )
    .option('--host <name>', 'only this host')
    .option(
      '--dangling-only',
      'only untagged images / exited containers (not never-started) / anonymous volumes',
    )
    .option('--yes', 'confirm without asking (also for actions that ask to type the name)')
    .option('--json', 'machine output: the plan and the outcome')
    .option('--data-dir <dir>', 'audit log (default $FLEETDECK_DATA_DIR, else ~/.local/share/fleetdeck)')
    .action((what: string, opts: RunFlags & { host?: string; danglingOnly?: boolean }) =>
      setHandler(async () => {
        const p = program.opts<{ readOnly?: boolean; wallboard?: boolean }>();
        const { runActionCommand } = await import('../app/commands/actions/run-action.js');
        return runActionCommand(
          'prune',
          what,
          {
            ...(opts.host !== undefined ? { host: opts.host } : {}),
            danglingOnly: Boolean(opts.danglingOnly),
          },
          { ...globals(), readOnly: p.readOnly, wallboard: p.wallboard, ...opts },
          io,
        );
      }),
    );
}

/** `fleetdeck exec TARGET [-it] [-u USER] [-w DIR] -- CMD ARGS…` over the host's SSH connection. */
export function registerExecCommand(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  program
    .command('exec')
    .description(
      'run a command in a container (a role: in every running replica, prefixed lines) over the host’s SSH connection; exit status propagated',
    )
    .argument('<target>', 'lab-0/web-1 | web-1 | role:web')
    .argument('<cmd...>', 'the command and its arguments, after --')
    .option('-i, --interactive', 'attach stdin')
    .option('-t, --tty', 'a terminal in the container (raw mode, window resizes)')
    .option('-u, --user <user>', 'user (name or uid[:gid]) to run as')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('--yes', 'confirm a role-wide exec without asking')
    .option('--json', 'the plan and one exit status per replica on stdout; the command’s output on stderr')
    .option('--data-dir <dir>', 'audit log (default $FLEETDECK_DATA_DIR, else ~/.local/share/fleetdeck)')
    .action((target: string, cmd: string[], opts: object) =>
      setHandler(async () => {
        const p = program.opts<{ readOnly?: boolean; wallboard?: boolean }>();
        const { execCommand } = await import('../app/commands/exec.js');
        return execCommand(
          target,
          cmd,
          { ...globals(), readOnly: p.readOnly, wallboard: p.wallboard, ...opts },
          io,
        );
      }),
    );
}
