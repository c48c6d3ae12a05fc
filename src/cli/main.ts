import { Command, CommanderError, Option } from 'commander';
import { EXIT_BAD_INPUT, EXIT_FAILURE, UserError } from '../app/exit-codes.js';
import { processIo, writeError, type CommandIo } from '../app/io.js';
import { packageVersion } from '../app/package-info.js';
import { closestName } from '../domain/text/closest.js';
import type { Handler, SetHandler } from './program-types.js';
import { registerActionCommands } from './register-actions.js';
import { COMPLETE_COMMAND, registerCompletionCommand, runCompletion } from './register-completion.js';
import { registerDoctorCommand } from './register-doctor.js';
import { registerListCommands } from './register-list.js';
import { registerExecCommand, registerPruneCommand, registerToolkitCommands } from './register-toolkit.js';
import { registerSwarmCommands } from './register-swarm.js';

/*
 * Start-up is part of the interface: this module and the registrars load commander and nothing
 * else. Each command's handler is imported when that command runs (see register-list.ts), so
 * `--help`, `--version` and `help ps` stay close to a bare `node` and `ps` never loads Ink.
 */

/** Builds the command line. Each action stores its handler; `main` runs it and exits with its status. */
export function buildProgram(io: CommandIo, setHandler: SetHandler): Command {
  const program = new Command('fleetdeck')
    .description('Terminal dashboard for multi-host Docker fleets over SSH')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    // Our own `help` command (below): commander's shows the program's help for an unknown name.
    .helpCommand(false)
    // Operands reach the dashboard's action, which names an unknown command (not "too many arguments").
    .allowExcessArguments(true)
    .option('--fleet <file>', 'fleet file (default $FLEETDECK_CONFIG, else ~/.config/fleetdeck/fleet.yaml)')
    .option('--context <name...>', 'use Docker contexts as hosts (globs allowed)');

  const globals = (): { fleet?: string; context?: string[] } => program.opts();

  // Every command group, in help order: definitions only, handlers behind import().
  // More commands (e.g. `doctor`) register here the same way.
  registerListCommands(program, io, setHandler, globals);
  registerToolkitCommands(program, io, setHandler, globals);
  registerSwarmCommands(program, io, setHandler, globals);
  registerDoctorCommand(program, io, setHandler, globals);
  registerActionCommands(program, io, setHandler, globals);
  registerPruneCommand(program, io, setHandler, globals);
  registerExecCommand(program, io, setHandler, globals);
  registerCompletionCommand(program, io, setHandler);
  registerHelpCommand(program, io, setHandler);

  program.addOption(new Option('--read-only', 'refuse every mutating action'));
  program.addOption(
    new Option('--wallboard', 'large read-only tiles for a shared screen (implies --read-only)'),
  );
  program.addOption(
    new Option(
      '--events-since <span>',
      "dashboard: read each daemon's event history this far back (default: the fleet file's eventsSince, else 15m; 0: none)",
    ),
  );
  program.addOption(
    new Option('--theme <name>', 'colour theme: dark, light, high-contrast, mono, or your own'),
  );
  program.addOption(
    new Option('--color <when>', 'colour output: always, never or auto').choices(['always', 'never', 'auto']),
  );
  program.action((_opts: object, self: Command) => {
    const [word] = self.args;
    if (word !== undefined) throw unknownCommand(word, program);
    setHandler(async () => {
      // Ink draws nothing but the last frame when it sees CI set (checked once, at import): a
      // dashboard started from a CI job or a shell that exports CI must still draw live.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { runDashboardCommand } = await import('../app/commands/dashboard.js');
      return runDashboardCommand({ ...globals(), ...program.opts() }, io);
    });
  });
  return program;
}

/** `fleetdeck help [COMMAND…]`: the help of a command (`help snapshot create`), or the program's. */
function registerHelpCommand(program: Command, io: CommandIo, setHandler: SetHandler): void {
  program
    .command('help')
    .description('help for a command')
    .argument('[command...]', 'e.g. ps, or snapshot create')
    .action((words: string[]) => {
      let cmd = program;
      for (const word of words) {
        const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) throw unknownCommand(word, cmd);
        cmd = next;
      }
      setHandler(async () => {
        io.stdout.write(cmd.helpInformation());
        return 0;
      });
    });
}

/** `unknown command "hots" — did you mean "hosts"?` (exit 2), or the list when nothing is close. */
export function unknownCommand(word: string, parent: Command): UserError {
  const names = parent.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const close = closestName(word, names);
  return new UserError(
    close
      ? `unknown command "${word}" — did you mean "${close}"?`
      : `unknown command "${word}" — the commands are: ${names.join(', ')} (fleetdeck help)`,
    EXIT_BAD_INPUT,
  );
}

export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  let handler: Handler | undefined;
  const program = buildProgram(io, (h) => (handler = h));
  try {
    // The shell's completion callback: its words are not ours to parse as options.
    if (argv[2] === COMPLETE_COMMAND) return await runCompletion(program, argv.slice(3), io);
    await program.parseAsync(argv);
    return handler ? await handler() : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (err instanceof UserError) {
      writeError(io, err.message);
      return err.exitCode;
    }
    writeError(io, err instanceof Error ? (err.stack ?? err.message) : String(err));
    return EXIT_FAILURE;
  }
}
