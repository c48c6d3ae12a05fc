import { type Command, InvalidArgumentError, Option } from 'commander';
import type { LogsFlags } from '../app/commands/logs.js';
import type { CommandIo } from '../app/io.js';
import type { Globals, SetHandler } from './program-types.js';

/*
 * The read-only commands. Only their definitions live here; each handler is loaded with import()
 * when its command runs, so `--help` and `--version` load no command code and `ps` loads no Ink.
 */

/** `--json` (kept), kubectl's `-o json|wide|name`, `--no-headers`. */
export function outputOptions(c: Command): Command {
  return c
    .option('--json', 'stable machine output (same as -o json)')
    .addOption(
      new Option('-o, --output <format>', 'json, wide (more columns) or name (one per line)').choices([
        'json',
        'wide',
        'name',
      ]),
    )
    .option('--no-headers', 'table rows without the header line');
}

function parseTail(value: string): number | 'all' {
  if (value === 'all') return 'all';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number or "all"');
  return n;
}

export function registerListCommands(
  program: Command,
  io: CommandIo,
  setHandler: SetHandler,
  globals: Globals,
): void {
  outputOptions(
    program
      .command('hosts')
      .description(
        'one line per host: state, reason, Docker/API version, storage driver, containers, latency',
      ),
  ).action((opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/list.js')).hostsCommand({ ...globals(), ...opts }, io),
    ),
  );

  outputOptions(
    program
      .command('ps')
      .description('containers across the fleet')
      .option('--host <name>', 'only this host')
      .option('--role <role>', 'only this role')
      .option('-a, --all', 'include stopped containers')
      .option(
        '--inspect',
        'with --json: inspect each container for stopSignal, stopTimeout, init and an OOM kill (one request each)',
      ),
  ).action((opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/list.js')).psCommand({ ...globals(), ...opts }, io),
    ),
  );

  outputOptions(
    program
      .command('storage')
      .description(
        'storage-driver health per host: devicemapper, btrfs, overlay2…, with a verdict ok|warn|crit',
      ),
  ).action((opts: object) =>
    setHandler(async () =>
      (await import('../app/commands/storage.js')).storageCommand({ ...globals(), ...opts }, io),
    ),
  );

  program
    .command('logs')
    .description(
      'merged logs by time: host/name, role:NAME, host:HOST, service:NAME (Swarm), or a container name',
    )
    .argument('<target>', 'lab-0/web-1 | role:web | host:lab-0 | web-1')
    .option('-f, --follow', 'keep following new lines')
    .option('-n, --tail <n>', 'lines per container from the end (or "all")', parseTail, 200)
    .option('--since <when>', 'only lines since DURATION (10m, 1h30m) or TIME (RFC 3339)')
    .option('--grep <regex>', 'only lines matching the pattern')
    .option('-i, --ignore-case', 'case-insensitive --grep')
    .option('-t, --timestamps', 'show Docker timestamps')
    .option('--json', 'one JSON object per line')
    .action((target: string, opts: LogsFlags) =>
      setHandler(async () => {
        const { logsCommand } = await import('../app/commands/logs.js');
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
}
