import { toolkitOf } from '../prune/gather.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { ExecIoFor, ExecPlan } from './types.js';

export interface ExecResult {
  host: string;
  name: string;
  /** The command's exit status; null when the session failed (see error). */
  exitCode: number | null;
  error?: string;
}

/** Runs the command in every planned container side by side; one exit status per replica. */
export async function runExec(
  plan: ExecPlan,
  ctx: RunContext,
  ioFor: ExecIoFor | undefined,
): Promise<RunReport> {
  if (!ioFor) throw new ActionFailed('exec: no streams to attach the session to (a caller bug)');
  const results: ExecResult[] = await Promise.all(
    plan.containers.map(async (c): Promise<ExecResult> => {
      try {
        const exitCode = await toolkitOf(ctx.hosts(c.host)).exec(
          {
            containerId: c.id,
            cmd: plan.cmd,
            tty: plan.tty,
            interactive: plan.interactive,
            ...(plan.user ? { user: plan.user } : {}),
            ...(plan.workdir ? { workdir: plan.workdir } : {}),
          },
          ioFor(c),
          ctx.signal,
        );
        return { host: c.host, name: c.name, exitCode };
      } catch (err) {
        return {
          host: c.host,
          name: c.name,
          exitCode: null,
          error: err instanceof Error ? err.message : String(err),
        };
      }
    }),
  );
  const failed = results.filter((r) => r.error !== undefined);
  const nonZero = results.filter((r) => r.exitCode !== null && r.exitCode !== 0);
  const details = { results };
  const each = results.map((r) => `${r.host}/${r.name}: ${r.error ?? `exit ${r.exitCode}`}`).join('; ');
  if (failed.length)
    throw new ActionFailed(`exec failed in ${failed.length} of ${results.length}: ${each}`, details);
  return {
    message:
      results.length === 1
        ? `exit ${results[0]!.exitCode}`
        : `${results.length - nonZero.length} of ${results.length} exited 0 (${each})`,
    details,
  };
}
