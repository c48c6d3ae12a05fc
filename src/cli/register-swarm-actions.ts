import { type Command, InvalidArgumentError } from 'commander';
import type { SwarmOp } from '../app/commands/swarm-actions.js';
import type { CommandIo } from '../app/io.js';
import type { Globals, SetHandler } from './program-types.js';

function replicas(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('expected a whole number of replicas (0 or more)');
  return n;
}

/** `service:NAME` (or `service:SWARM/NAME`) → the name; anything else is refused with the form. */
export function serviceTarget(target: string): string {
  if (!target.startsWith('service:') || target.length <= 8) {
    throw new InvalidArgumentError(`expected service:NAME (or service:SWARM/NAME), got "${target}"`);
  }
  return target.slice(8);
}

/** scale, force-update, drain, activate (and `rollback service:NAME`, routed here by register-actions). */
export function registerSwarmActionCommands(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  const run = (op: SwarmOp, opts: object): void =>
    setHandler(async () => {
      const p = program.opts<{ readOnly?: boolean; wallboard?: boolean }>();
      const { swarmActionCommand } = await import('../app/commands/swarm-actions.js');
      return swarmActionCommand(
        op,
        { ...globals(), readOnly: p.readOnly, wallboard: p.wallboard, ...opts },
        io,
      );
    });
  const common = (c: Command): Command =>
    c
      .option('--yes', 'confirm without asking (also for actions that ask to type the name)')
      .option('--json', 'machine output: the plan and the outcome')
      .option('--data-dir <dir>', 'audit log (default $FLEETDECK_DATA_DIR, else ~/.local/share/fleetdeck)');

  common(program.command('scale <target> <replicas>'))
    .description('set the replica count of a Swarm service (service:NAME), then follow until it runs')
    .action((target: string, n: string, opts: object) =>
      run({ op: 'scale', service: serviceTarget(target), replicas: replicas(n) }, opts),
    );
  common(program.command('force-update <target>'))
    .description('replace every task of a Swarm service (service:NAME) with the same spec')
    .action((target: string, opts: object) =>
      run({ op: 'force-update', service: serviceTarget(target) }, opts),
    );
  common(program.command('drain <node>'))
    .description('set a Swarm node to drain: its tasks move to other nodes (the plan lists them)')
    .action((node: string, opts: object) => run({ op: 'drain', node }, opts));
  common(program.command('activate <node>'))
    .description('set a Swarm node back to active')
    .action((node: string, opts: object) => run({ op: 'activate', node }, opts));
}

/** `rollback service:NAME`: the swarm's own rollback to the previous spec. */
export function runServiceRollback(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
  target: string,
  opts: object,
): void {
  setHandler(async () => {
    const p = program.opts<{ readOnly?: boolean; wallboard?: boolean }>();
    const { swarmActionCommand } = await import('../app/commands/swarm-actions.js');
    return swarmActionCommand(
      { op: 'rollback', service: serviceTarget(target) },
      { ...globals(), readOnly: p.readOnly, wallboard: p.wallboard, ...opts },
      io,
    );
  });
}
