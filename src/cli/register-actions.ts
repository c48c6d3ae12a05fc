import { type Command, InvalidArgumentError } from 'commander';
import type { ActionFlags } from '../app/commands/actions/context.js';
import type { ActionKind, PlanParams, RunFlags } from '../app/commands/actions/run-action.js';
import type { CommandIo } from '../app/io.js';
import { outputOptions } from './register-list.js';
import { registerSwarmActionCommands, runServiceRollback } from './register-swarm-actions.js';

// Handlers load when their command runs (import()), so help and the read-only commands never
// load the action layer; the definitions below stay plain commander calls.
const runActionCommand = async (...args: Parameters<RunAction>) =>
  (await import('../app/commands/actions/run-action.js')).runActionCommand(...args);
const snapshotListCommand = async (...args: Parameters<SnapshotList>) =>
  (await import('../app/commands/actions/snapshot-list.js')).snapshotListCommand(...args);
const rolloutStatusCommand = async (...args: Parameters<RolloutStatus>) =>
  (await import('../app/commands/actions/rollouts.js')).rolloutStatusCommand(...args);
type RunAction = typeof import('../app/commands/actions/run-action.js').runActionCommand;
type SnapshotList = typeof import('../app/commands/actions/snapshot-list.js').snapshotListCommand;
type RolloutStatus = typeof import('../app/commands/actions/rollouts.js').rolloutStatusCommand;

type Globals = () => { fleet?: string; context?: string[] };

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected a number of seconds (0 or more)');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return n;
}

/** Mutating commands (restart, kill, stop, snapshot, rollback, redeploy…). */
export function registerActionCommands(
  program: Command,
  io: CommandIo,
  setHandler: (h: () => Promise<number>) => void,
  globals: Globals,
): void {
  // --read-only/--wallboard are program options (declared after this call): read them at run time.
  const flags = (opts: object): RunFlags & ActionFlags => {
    const p = program.opts<{ readOnly?: boolean; wallboard?: boolean }>();
    return { ...globals(), readOnly: p.readOnly, wallboard: p.wallboard, ...opts };
  };
  const common = (c: Command): Command =>
    c
      .option('--yes', 'confirm without asking (also for actions that ask to type the name)')
      .option('--json', 'machine output: the plan and the outcome')
      .option(
        '--data-dir <dir>',
        'audit log and journals (default $FLEETDECK_DATA_DIR, else ~/.local/share/fleetdeck)',
      );
  const act = (kind: ActionKind, target: string, params: PlanParams, opts: object): void =>
    setHandler(() => runActionCommand(kind, target, params, flags(opts), io));

  common(program.command('restart <target>'))
    .description(
      "restart with the container's own stop signal and timeout; a role restarts one replica at a time per host",
    )
    .action((target: string, opts: object) => act('restart', target, {}, opts));

  common(program.command('kill <target>'))
    .description('send a signal (default SIGKILL) to the container(s)')
    .option('-s, --signal <sig>', 'signal name or number', 'SIGKILL')
    .action((target: string, opts: { signal: string }) => act('kill', target, { signal: opts.signal }, opts));

  common(program.command('stop <target>'))
    .description("stop with the container's stop signal; SIGKILL after the timeout")
    .option('-t, --timeout <seconds>', "seconds before SIGKILL (default: the container's own)", seconds)
    .action((target: string, opts: { timeout?: number }) =>
      act('stop', target, opts.timeout !== undefined ? { timeoutSeconds: opts.timeout } : {}, opts),
    );

  common(program.command('start <target>'))
    .description('start stopped container(s)')
    .action((target: string, opts: object) => act('start', target, {}, opts));

  const snapshot = program
    .command('snapshot')
    .description('commit containers (and their volumes) to local images');
  common(snapshot.command('create <target>'))
    .description('pause, commit to fleetdeck-snapshot/NAME:TIME with its volumes archived, unpause')
    .option('--no-volumes', 'only the container filesystem')
    .option('--keep <n>', 'then keep only the last N snapshots of the container', count)
    .option('--pre <cmd>', 'run inside before (default: label org.fleetdeck.snapshot.pre)')
    .option('--post <cmd>', 'run inside after (default: label org.fleetdeck.snapshot.post)')
    .action((target: string, opts: { volumes: boolean; keep?: number; pre?: string; post?: string }) =>
      act(
        'snapshot',
        target,
        {
          withVolumes: opts.volumes,
          ...(opts.keep !== undefined ? { keep: opts.keep } : {}),
          ...(opts.pre ? { pre: opts.pre } : {}),
          ...(opts.post ? { post: opts.post } : {}),
        },
        opts,
      ),
    );
  outputOptions(
    snapshot
      .command('list [target]')
      .description('snapshots per host (of one container: NAME or HOST/NAME), newest first, with sizes'),
  )
    .option('--data-dir <dir>', 'unused; accepted for symmetry')
    .action((target: string | undefined, opts: { json?: boolean }) =>
      setHandler(() => snapshotListCommand(target, flags(opts), io)),
    );
  common(snapshot.command('rm <image>'))
    .description('delete a snapshot image on a host')
    .requiredOption('--host <host>', 'the host holding it')
    .action((image: string, opts: { host: string }) =>
      act('snapshot-delete', image, { host: opts.host }, opts),
    );
  common(snapshot.command('ship <image>'))
    .description('docker save on one host streamed into docker load on another, over the two SSH connections')
    .requiredOption('--from <host>', 'host that has the image')
    .requiredOption('--to <host>', 'host to load it on')
    .action((image: string, opts: { from: string; to: string }) =>
      act('ship', image, { from: opts.from, to: opts.to }, opts),
    );

  common(program.command('rollback <target>'))
    .description(
      'recreate the container from a snapshot (default: its latest), volumes restored; the current one is put back if it fails; service:NAME: the swarm rolls the service back to its previous spec',
    )
    .option('--to <image>', 'snapshot image (tag or id)')
    .action((target: string, opts: { to?: string }) =>
      target.startsWith('service:')
        ? runServiceRollback(program, io, setHandler, globals, target, opts)
        : act('rollback', target, opts.to ? { snapshot: opts.to } : {}, opts),
    );
  registerSwarmActionCommands(program, io, setHandler, globals);

  common(program.command('redeploy <target>'))
    .description(
      'rolling redeploy of role:NAME to a new image, batch by batch, health-gated, rolled back on failure',
    )
    .option(
      '--image <image>',
      'new image; hosts of the role that lack it get it loaded first from a fleet host that has it (docker save | load over SSH)',
    )
    .option('--batch <n|p%>', 'replicas per batch, a number or a percentage', '1')
    .option('--wait <seconds>', 'without a health check: seconds a replica must stay running', seconds, 5)
    .option('--health-timeout <seconds>', 'seconds to wait for healthy', seconds, 60)
    .option('--migrate <cmd>', 'run once in a one-off container of the new image before the first batch')
    .option('--resume', 'continue an interrupted rollout of this role')
    .option('--rollback', 'undo an interrupted rollout of this role')
    .option('--status', 'show interrupted rollouts and exit')
    .option(
      '--break-lock',
      "clear the role's lock left by a dead rollout (confirmed: type the role name, or --yes); a lock whose heartbeat still moves is refused",
    )
    .action(
      (
        target: string,
        opts: {
          image?: string;
          batch: string;
          wait: number;
          healthTimeout: number;
          migrate?: string;
          resume?: boolean;
          rollback?: boolean;
          status?: boolean;
          breakLock?: boolean;
        },
      ) => {
        if (opts.breakLock) return act('lock-break', target, {}, opts);
        if (opts.status) return setHandler(() => rolloutStatusCommand(flags(opts), io));
        if (opts.resume || opts.rollback) {
          return act('redeploy-recover', target, { mode: opts.resume ? 'resume' : 'rollback' }, opts);
        }
        act(
          'redeploy',
          target,
          {
            ...(opts.image ? { image: opts.image } : {}),
            batch: opts.batch,
            waitSeconds: opts.wait,
            healthTimeoutSeconds: opts.healthTimeout,
            ...(opts.migrate ? { migrate: opts.migrate } : {}),
          },
          opts,
        );
      },
    );
}
