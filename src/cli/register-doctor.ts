import type { Command } from 'commander';
import type { CommandIo } from '../app/io.js';
import type { Globals, SetHandler } from './program-types.js';

/** `fleetdeck doctor`; its handler (and the SSH and Docker code) is loaded when it runs. */
export function registerDoctorCommand(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  program
    .command('doctor')
    .description(
      'each step of reaching each host (DNS, TCP, SSH, host key, login, Docker socket, API) and what to do',
    )
    .option('--host <name>', 'only this host')
    .option('--json', 'stable machine output')
    .action((opts: { host?: string; json?: boolean }) =>
      setHandler(async () =>
        (await import('../app/commands/doctor.js')).doctorCommand({ ...globals(), ...opts }, io),
      ),
    );
}
