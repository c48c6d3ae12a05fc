import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { doctorCommand } from '../app/commands/doctor.js';
import { hostsCommand, psCommand } from '../app/commands/list.js';
import { logsCommand, type LogsFlags } from '../app/commands/logs.js';
import { storageCommand } from '../app/commands/storage.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, UserError } from '../app/exit-codes.js';
import { processIo, type CommandIo } from '../app/io.js';
import { registerActionCommands } from './register-actions.js';

type Handler = () => Promise<number>;

/** Builds the command line. Each action stores its handler; `main` runs it and exits with its status. */
export function buildProgram(io: CommandIo, setHandler: (h: Handler) => void): Command {
  const program = new Command('fleetdeck')
    .description('Terminal dashboard for multi-host Docker fleets over SSH')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .option('--fleet <file>', 'fleet file (default $FLEETDECK_CONFIG, else ~/.config/fleetdeck/fleet.yaml)')
    .option('--context <name...>', 'use Docker contexts as hosts (globs allowed)');

  const globals = (): { fleet?: string; context?: string[] } => program.opts();

  program
    .command('hosts')
    .description('one line per host: state, reason, Docker/API version, storage driver, containers, latency')
    .option('--json', 'stable machine output')
    .action((opts: { json?: boolean }) => setHandler(() => hostsCommand({ ...globals(), ...opts }, io)));

  program
    .command('ps')
    .description('containers across the fleet')
    .option('--host <name>', 'only this host')
    .option('--role <role>', 'only this role')
    .option('-a, --all', 'include stopped containers')
    .option('--json', 'stable machine output')
    .action((opts: { host?: string; role?: string; all?: boolean; json?: boolean }) =>
      setHandler(() => psCommand({ ...globals(), ...opts }, io)),
    );

  program
    .command('storage')
    .description(
      'storage-driver health per host: devicemapper, btrfs, overlay2…, with a verdict ok|warn|crit',
    )
    .option('--json', 'stable machine output')
    .action((opts: { json?: boolean }) => setHandler(() => storageCommand({ ...globals(), ...opts }, io)));

  program
    .command('doctor')
    .description(
      'each step of reaching each host (DNS, TCP, SSH, host key, login, Docker socket, API) and what to do',
    )
    .option('--host <name>', 'only this host')
    .option('--json', 'stable machine output')
    .action((opts: { host?: string; json?: boolean }) =>
      setHandler(() => doctorCommand({ ...globals(), ...opts }, io)),
    );

  program
    .command('logs')
    .description('merged logs by time: host/name, role:NAME, host:HOST, or a container name')
    .argument('<target>', 'lab-0/web-1 | role:web | host:lab-0 | web-1')
    .option('-f, --follow', 'keep following new lines')
    .option('-n, --tail <n>', 'lines per container from the end (or "all")', parseTail, 200)
    .option('--since <when>', 'only lines since DURATION (10m, 1h30m) or TIME (RFC 3339)')
    .option('--grep <regex>', 'only lines matching the pattern')
    .option('-i, --ignore-case', 'case-insensitive --grep')
    .option('-t, --timestamps', 'show Docker timestamps')
    .option('--json', 'one JSON object per line')
    .action((target: string, opts: LogsFlags) =>
      setHandler(() => {
        // Ctrl-C ends a follow cleanly: streams closed, SSH connections closed, exit 0.
        const abort = new AbortController();
        const stop = () => abort.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return logsCommand(target, { ...globals(), ...opts }, io, abort.signal).finally(() => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        });
      }),
    );

  registerActionCommands(program, io, setHandler, globals);

  program.addOption(new Option('--read-only', 'refuse every mutating action'));
  program.addOption(
    new Option('--wallboard', 'large read-only tiles for a shared screen (implies --read-only)'),
  );
  program.addOption(
    new Option('--theme <name>', 'colour theme: dark, light, high-contrast, mono, or your own'),
  );
  program.addOption(
    new Option('--color <when>', 'colour output: always, never or auto').choices(['always', 'never', 'auto']),
  );
  program.action(() =>
    setHandler(async () => {
      // Ink draws nothing but the last frame when it sees CI set (checked once, at import): a
      // dashboard started from a CI job or a shell that exports CI must still draw live.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { runDashboardCommand } = await import('../app/commands/dashboard.js');
      return runDashboardCommand({ ...globals(), ...program.opts() }, io);
    }),
  );
  return program;
}

function parseTail(value: string): number | 'all' {
  if (value === 'all') return 'all';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number or "all"');
  return n;
}

export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  let handler: Handler | undefined;
  const program = buildProgram(io, (h) => (handler = h));
  try {
    await program.parseAsync(argv);
    return handler ? await handler() : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (err instanceof UserError) {
      io.stderr.write(`fleetdeck: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`fleetdeck: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FAILURE;
  }
}
