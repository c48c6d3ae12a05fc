import type { ActionOutcome, ContainerRef } from '../../actions/index.js';
import type { ExecIo } from '../../docker/exec-session.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { askConfirmation } from './actions/confirm-prompt.js';
import type { ActionFlags } from './actions/context.js';
import { parseActionTarget, printPlan, withActions } from './actions/run-action.js';
import { PrefixLines } from './prefix-lines.js';

export interface ExecFlags extends ActionFlags {
  interactive?: boolean;
  tty?: boolean;
  user?: string;
  workdir?: string;
  yes?: boolean;
  json?: boolean;
}

/** The terminal the session may take over (-it): the process's own, or a test's. */
export interface ExecTerminal {
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  isTTY: boolean;
  setRawMode?: (raw: boolean) => void;
  size: () => { rows: number; columns: number } | undefined;
  onResize: (listener: () => void) => () => void;
}

export function processTerminal(): ExecTerminal {
  const stdin = process.stdin;
  return {
    stdin,
    isTTY: Boolean(stdin.isTTY),
    ...(stdin.isTTY ? { setRawMode: (raw: boolean) => void stdin.setRawMode(raw) } : {}),
    size: () =>
      process.stdout.columns ? { rows: process.stdout.rows, columns: process.stdout.columns } : undefined,
    onResize: (listener) => {
      process.stdout.on('resize', listener);
      return () => void process.stdout.off('resize', listener);
    },
  };
}

/** One exit status for the process: a single container's own, else the highest of the replicas'. */
export function exitStatusOf(outcome: ActionOutcome): number {
  if (outcome.result === 'refused') return EXIT_BAD_INPUT;
  const results = (outcome.details as { results?: Array<{ exitCode: number | null }> }).results ?? [];
  if (outcome.result !== 'ok' || results.length === 0) return EXIT_FAILURE;
  return Math.max(...results.map((r) => r.exitCode ?? EXIT_FAILURE));
}

/**
 * `fleetdeck exec TARGET [-it] [-u USER] [-w DIR] -- CMD ARGS…`: through the executor (audit line with
 * the command, refused in read-only mode). One container: its stdout/stderr as written. A role:
 * every running replica, lines prefixed `host/name | `, after confirmation. `--json`: the command's
 * output goes to stderr and stdout is the plan and one exit status per replica.
 */
export async function execCommand(
  target: string,
  cmd: string[],
  flags: ExecFlags,
  io: CommandIo,
  terminal: ExecTerminal = processTerminal(),
): Promise<number> {
  const tty = Boolean(flags.tty);
  const interactive = Boolean(flags.interactive);
  return withActions(flags, io, async ({ service }) => {
    const { plan, unreachable } = await service.plan('exec', parseActionTarget('exec', target), {
      exec: {
        cmd,
        tty,
        interactive,
        ...(flags.user ? { user: flags.user } : {}),
        ...(flags.workdir ? { workdir: flags.workdir } : {}),
      },
    });
    if (plan.kind !== 'exec') throw new Error('exec planned something else');
    for (const u of unreachable) io.stderr.write(`warning: ${sanitizeLine(u.reason)}\n`);
    const several = plan.containers.length > 1;
    let confirm: boolean | string | undefined = true;
    if (plan.confirmation.mode === 'type') {
      if (!flags.json) printPlan(plan, io);
      if (flags.yes) confirm = plan.confirmation.text;
      else if (terminal.isTTY && !flags.json) confirm = await askConfirmation(plan.confirmation, io.stderr);
      else {
        io.stderr.write('not confirmed: no terminal to ask on — pass --yes to confirm non-interactively\n');
        confirm = undefined;
      }
    }
    const out = flags.json ? io.stderr : io.stdout;
    const prefixed: PrefixLines[] = [];
    const execIo = (c: ContainerRef): ExecIo => {
      if (!several) {
        return {
          ...(interactive ? { stdin: terminal.stdin } : {}),
          stdout: out,
          stderr: io.stderr,
          size: terminal.size,
          onResize: terminal.onResize,
        };
      }
      const p = new PrefixLines(`${c.host}/${c.name} | `, out);
      const e = new PrefixLines(`${c.host}/${c.name} | `, io.stderr);
      prefixed.push(p, e);
      return { stdout: p, stderr: e };
    };
    const raw = tty && interactive && terminal.isTTY && terminal.setRawMode !== undefined;
    if (raw) terminal.setRawMode?.(true);
    if (interactive) (terminal.stdin as NodeJS.ReadStream).resume?.();
    let outcome: ActionOutcome;
    try {
      outcome = await service.run(plan, { ...(confirm !== undefined ? { confirm } : {}), execIo });
    } finally {
      if (raw) terminal.setRawMode?.(false);
      if (interactive) (terminal.stdin as NodeJS.ReadStream).pause?.();
      for (const p of prefixed) p.flush();
    }
    if (flags.json) io.stdout.write(JSON.stringify({ plan, outcome }, null, 2) + '\n');
    else if (outcome.result !== 'ok')
      io.stderr.write(`${outcome.result}: ${sanitizeLine(outcome.message)}\n`);
    else if (several) io.stderr.write(`${sanitizeLine(outcome.message)}\n`);
    return exitStatusOf(outcome);
  });
}
