/*
 * What a shell should offer for the word under the cursor, from the command tree (the CLI's own
 * definitions, so completion never drifts from the commands) and cheap local sources: host names
 * from the fleet file, container names and roles from the last listing's cache, theme files.
 * Pure: the sources are passed in.
 */

export interface OptionSpec {
  /** `-o`, `--output` */
  flags: string[];
  takesValue: boolean;
  choices?: readonly string[];
  description: string;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Positional argument names in order (`target`, `image`…). */
  args: string[];
  subcommands: CommandSpec[];
}

export interface CompletionSources {
  hosts(fleetFlag: string | undefined): string[];
  containers(fleetFlag: string | undefined): { host: string; name: string; role: string }[];
  themes(): string[];
}

export interface Candidate {
  value: string;
  description?: string;
}

/** The shell should complete file names itself (after `--fleet`, `--data-dir`). */
export const FILES = ':files';

export type Completion = { files: true } | { files: false; candidates: Candidate[] };

const SIGNALS = [
  'SIGTERM',
  'SIGKILL',
  'SIGINT',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
  'SIGSTOP',
  'SIGCONT',
];
const SHELLS = ['bash', 'zsh', 'fish'];
const FILE_OPTIONS = new Set(['--fleet', '--data-dir']);
/** Commands whose `<target>` is a container, a role or a host's containers. */
const CONTAINER_TARGETS = new Set([
  'restart',
  'kill',
  'stop',
  'start',
  'rollback',
  'snapshot create',
  'snapshot list',
]);

interface Parsed {
  path: CommandSpec[];
  positionals: number;
  fleet: string | undefined;
}

function findOption(path: readonly CommandSpec[], flag: string): OptionSpec | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const found = path[i]?.options.find((o) => o.flags.includes(flag));
    if (found) return found;
  }
  return undefined;
}

/** Walks the words before the cursor: which command we are in, how many operands it has. */
function parseWords(root: CommandSpec, words: readonly string[]): Parsed {
  const path = [root];
  let positionals = 0;
  let fleet: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const cmd = path[path.length - 1] ?? root;
    if (w.startsWith('-') && w !== '-') {
      const [flag = '', inline] = w.split(/=(.*)/s);
      const opt = findOption(path, flag);
      const value = opt?.takesValue ? (inline ?? words[++i]) : undefined;
      if (flag === '--fleet') fleet = value;
      continue;
    }
    const sub = positionals === 0 ? cmd.subcommands.find((s) => s.name === w) : undefined;
    if (sub) path.push(sub);
    else positionals++;
  }
  return { path, positionals, fleet };
}

function containerTargets(
  sources: CompletionSources,
  fleet: string | undefined,
  withHosts: boolean,
): Candidate[] {
  const containers = sources.containers(fleet);
  const roles = [...new Set(containers.map((c) => c.role))];
  const hosts = [...new Set([...sources.hosts(fleet), ...containers.map((c) => c.host)])];
  return [
    ...containers.map((c) => ({ value: `${c.host}/${c.name}`, description: `role ${c.role}` })),
    ...[...new Set(containers.map((c) => c.name))].map((name) => ({ value: name })),
    ...roles.map((r) => ({ value: `role:${r}`, description: 'every replica of the role' })),
    ...(withHosts
      ? hosts.map((h) => ({ value: `host:${h}`, description: 'every container on the host' }))
      : []),
  ];
}

function optionValues(
  opt: OptionSpec,
  commandPath: string,
  sources: CompletionSources,
  fleet: string | undefined,
): Completion {
  const long = opt.flags.find((f) => f.startsWith('--')) ?? '';
  const values = (list: readonly string[]): Completion => ({
    files: false,
    candidates: list.map((value) => ({ value })),
  });
  if (opt.choices) return values(opt.choices);
  if (FILE_OPTIONS.has(long)) return { files: true };
  if (long === '--host' || long === '--from' || (long === '--to' && commandPath === 'snapshot ship')) {
    return values(sources.hosts(fleet));
  }
  if (long === '--role') return values([...new Set(sources.containers(fleet).map((c) => c.role))]);
  if (long === '--theme') return values(sources.themes());
  if (long === '--signal') return values(SIGNALS);
  return values([]);
}

function operandValues(parsed: Parsed, root: CommandSpec, sources: CompletionSources): Candidate[] {
  const cmd = parsed.path[parsed.path.length - 1] ?? root;
  const commandPath = parsed.path
    .slice(1)
    .map((c) => c.name)
    .join(' ');
  if (cmd.subcommands.length > 0 && parsed.positionals === 0) {
    return cmd.subcommands.map((s) => ({ value: s.name, description: s.description }));
  }
  if (cmd.args[parsed.positionals] === undefined) return [];
  if (commandPath === 'help') {
    return root.subcommands
      .filter((s) => s.name !== 'help')
      .map((s) => ({ value: s.name, description: s.description }));
  }
  if (commandPath === 'completion') return SHELLS.map((value) => ({ value }));
  if (commandPath === 'logs') return containerTargets(sources, parsed.fleet, true);
  if (commandPath === 'redeploy') {
    return [...new Set(sources.containers(parsed.fleet).map((c) => c.role))].map((r) => ({
      value: `role:${r}`,
    }));
  }
  if (CONTAINER_TARGETS.has(commandPath)) return containerTargets(sources, parsed.fleet, false);
  return [];
}

/**
 * Candidates for the last of `words` (the word being typed, maybe empty), given the words before
 * it. Only candidates that start with the typed word are returned, each once.
 */
export function completeWords(
  root: CommandSpec,
  words: readonly string[],
  sources: CompletionSources,
): Completion {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const parsed = parseWords(root, before);
  const commandPath = parsed.path
    .slice(1)
    .map((c) => c.name)
    .join(' ');
  const previous = before[before.length - 1];
  const pendingOption =
    previous?.startsWith('-') && !previous.includes('=') ? findOption(parsed.path, previous) : undefined;
  // An option that takes a value is the last word before the cursor: its value is being typed.
  const valueOf = pendingOption?.takesValue ? pendingOption : undefined;
  let result: Completion;
  let prefix = '';
  let typed = current;
  if (valueOf) {
    result = optionValues(valueOf, commandPath, sources, parsed.fleet);
  } else if (current.startsWith('-') && current.includes('=')) {
    const [flag = ''] = current.split('=');
    const opt = findOption(parsed.path, flag);
    prefix = `${flag}=`;
    typed = current.slice(prefix.length);
    result = opt?.takesValue
      ? optionValues(opt, commandPath, sources, parsed.fleet)
      : { files: false, candidates: [] };
  } else if (current.startsWith('-')) {
    // One candidate per option: its long form when that fits what is typed (`-` → `--output`).
    const pick = (o: OptionSpec): string | undefined =>
      o.flags.find((f) => f.startsWith('--') && f.startsWith(current)) ??
      o.flags.find((f) => f.startsWith(current));
    result = {
      files: false,
      // The command's own options first, then its parents' (program options apply everywhere).
      candidates: [...parsed.path]
        .reverse()
        .flatMap((c) => c.options)
        .flatMap((o) => {
          const value = pick(o);
          return value ? [{ value, description: o.description }] : [];
        }),
    };
  } else {
    result = { files: false, candidates: operandValues(parsed, root, sources) };
  }
  if (result.files) return result;
  const seen = new Set<string>();
  return {
    files: false,
    candidates: result.candidates
      .filter((c) => c.value.startsWith(typed) && !/\s/.test(c.value))
      .filter((c) => !seen.has(c.value) && Boolean(seen.add(c.value)))
      .map((c) => ({ ...c, value: prefix + c.value })),
  };
}
