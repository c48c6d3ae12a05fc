import type { ActionKind, ActionOutcome, ActionPlan, PlanParams } from '../../../actions/index.js';
import { PlanError } from '../../../actions/index.js';
import { parseTarget, type ActionTarget } from '../../../domain/target.js';
import { sanitizeLine } from '../../../domain/text/sanitize.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UserError } from '../../exit-codes.js';
import type { CommandIo } from '../../io.js';
import { ProgressWriter } from '../../output/progress-writer.js';
import { askConfirmation } from './confirm-prompt.js';
import { openActions, type ActionContext, type ActionFlags } from './context.js';

/** The action layer's words the CLI's argument parsing needs (cli/ reaches actions/ through app/). */
export type { ActionKind, PlanParams };

export interface RunFlags extends ActionFlags {
  yes?: boolean;
  json?: boolean;
}

export function exitFor(outcome: ActionOutcome): number {
  switch (outcome.result) {
    case 'ok':
      return EXIT_OK;
    case 'refused':
      return EXIT_BAD_INPUT;
    default:
      return EXIT_FAILURE;
  }
}

export function printPlan(plan: ActionPlan, io: CommandIo): void {
  io.stderr.write(
    `${sanitizeLine(plan.summary)}\n${plan.steps.map((s) => `  ${sanitizeLine(s)}`).join('\n')}\n`,
  );
}

/** The confirmation given: `--yes`, or the operator's answer on the terminal; none without one. */
export async function confirmAnswer(
  plan: ActionPlan,
  flags: RunFlags,
  io: CommandIo,
): Promise<string | boolean | undefined> {
  if (flags.yes) return plan.confirmation.mode === 'type' ? plan.confirmation.text : true;
  if (!process.stdin.isTTY || flags.json) {
    io.stderr.write('not confirmed: no terminal to ask on — pass --yes to confirm non-interactively\n');
    return undefined;
  }
  return askConfirmation(plan.confirmation, io.stderr);
}

export async function withActions<T>(
  flags: ActionFlags,
  io: CommandIo,
  fn: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  const ctx = await openActions(flags, io);
  try {
    return await fn(ctx);
  } catch (err) {
    if (err instanceof PlanError) throw new UserError(err.message, EXIT_BAD_INPUT);
    throw err;
  } finally {
    await ctx.close();
  }
}

/**
 * TARGET of an action command as the action layer takes it, parsed here once: an image for
 * `snapshot ship|rm`, else the container grammar (`host/name`, `role:R`, `host:H`, a name).
 */
export function parseActionTarget(kind: ActionKind, text: string): ActionTarget {
  if (kind === 'ship' || kind === 'snapshot-delete') return { kind: 'image', ref: text };
  const target = parseTarget(text);
  if (!('error' in target)) return target;
  // The same words the planner says for a target of the wrong shape.
  if (kind === 'redeploy') throw new PlanError(`redeploy takes a role, e.g. role:web — not "${text}"`);
  throw new PlanError(target.error);
}

const isTTY = (s: unknown): boolean => (s as { isTTY?: boolean }).isTTY === true;

/**
 * Progress on stderr; bars only when both streams are a terminal (stdout piped to a file or a
 * script gets plain lines on stderr, never a `\r`).
 */
function progressWriter(io: CommandIo): ProgressWriter {
  const err = io.stderr as CommandIo['stderr'] & { columns?: number };
  return new ProgressWriter(
    {
      write: (text) => err.write(text),
      get columns() {
        return err.columns; // read at each draw: the window may be resized mid-run
      },
    },
    { tty: isTTY(io.stdout) && isTTY(io.stderr), now: io.now },
  );
}

/** Plan, show, confirm, run with progress, report: the shape of every action command. */
export async function runActionCommand(
  kind: ActionKind,
  targetArg: string,
  params: PlanParams,
  flags: RunFlags,
  io: CommandIo,
): Promise<number> {
  return withActions(flags, io, async ({ service }) => {
    const { plan, unreachable } = await service.plan(kind, parseActionTarget(kind, targetArg), params);
    if (!flags.json) printPlan(plan, io);
    for (const u of unreachable) io.stderr.write(`warning: ${sanitizeLine(u.reason)}\n`);
    const confirm = service.readOnly ? undefined : await confirmAnswer(plan, flags, io);
    const cancel = new AbortController();
    const onSigint = (): void => {
      io.stderr.write('\ncancelling — finishing the current step and putting it back…\n');
      cancel.abort();
    };
    process.once('SIGINT', onSigint);
    const progress = progressWriter(io);
    let outcome: ActionOutcome;
    try {
      outcome = await service.run(plan, {
        ...(confirm !== undefined ? { confirm } : {}),
        signal: cancel.signal,
        // --json: stdout is the plan and the outcome, nothing else; stderr stays quiet too.
        ...(flags.json ? {} : { onProgress: (p) => progress.line(p), onMeter: (m) => progress.meter(m) }),
      });
    } finally {
      progress.close();
      process.off('SIGINT', onSigint);
    }
    if (flags.json) {
      io.stdout.write(JSON.stringify({ plan, outcome }, null, 2) + '\n');
    } else {
      const out = outcome.result === 'ok' ? io.stdout : io.stderr;
      out.write(`${outcome.result === 'ok' ? '' : `${outcome.result}: `}${sanitizeLine(outcome.message)}\n`);
    }
    return exitFor(outcome);
  });
}
