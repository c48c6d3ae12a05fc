import type { Command } from 'commander';
import type { CommandIo } from '../app/io.js';
import type { ResourceKind } from '../domain/resources/types.js';
import type { Globals, SetHandler } from './program-types.js';
import { outputOptions } from './register-list.js';

/*
 * The operator's toolkit: images, volumes, networks (reads). Definitions only; each handler is
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
