import type { Command } from 'commander';
import type { CommandIo } from '../app/io.js';
import type { Globals, SetHandler } from './program-types.js';
import { outputOptions } from './register-list.js';

/** The Swarm read commands (`swarms:` in the fleet file); handlers load on use, like the others. */
export function registerSwarmCommands(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  outputOptions(
    program
      .command('nodes')
      .description(
        'Swarm nodes of every swarm: role, leader, availability, status, engine, tasks, joined host',
      ),
  ).action((opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/swarm.js')).nodesCommand({ ...globals(), ...opts }, io),
    ),
  );

  outputOptions(
    program
      .command('services')
      .description('Swarm services: replicas running/desired, update status, image drift, last task error'),
  ).action((opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/swarm.js')).servicesCommand({ ...globals(), ...opts }, io),
    ),
  );

  outputOptions(
    program
      .command('tasks')
      .description("a Swarm service's tasks: node, desired and current state, image, error")
      .argument('<service>', 'NAME, SWARM/NAME or a service id'),
  ).action((service: string, opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/swarm.js')).tasksCommand(service, { ...globals(), ...opts }, io),
    ),
  );
}
