import { Argument, type Command } from 'commander';
import type { CommandSpec } from '../app/commands/completion-words.js';
import type { CommandIo } from '../app/io.js';
import type { SetHandler } from './program-types.js';

/** The hidden callback the completion scripts run: `fleetdeck __complete WORDS…`. */
export const COMPLETE_COMMAND = '__complete';

export function registerCompletionCommand(program: Command, io: CommandIo, setHandler: SetHandler): void {
  program
    .command('completion')
    .description('shell completion: source <(fleetdeck completion bash)  (also zsh; fish: … | source)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action((shell: string) =>
      setHandler(async () => (await import('../app/commands/completion.js')).completionCommand(shell, io)),
    );
}

/** The command tree as completion sees it: names, options, operands (from the definitions themselves). */
export function commandSpec(cmd: Command): CommandSpec {
  const help = cmd.createHelp();
  const options = help.visibleOptions(cmd).map((o) => ({
    flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
    description: o.description,
  }));
  return {
    name: cmd.name(),
    description: cmd.description(),
    options,
    args: cmd.registeredArguments.map((a) => a.name()),
    subcommands: help.visibleCommands(cmd).map(commandSpec),
  };
}

export async function runCompletion(
  program: Command,
  words: readonly string[],
  io: CommandIo,
): Promise<number> {
  const { completeCommand } = await import('../app/commands/completion.js');
  return completeCommand(commandSpec(program), words, io);
}
