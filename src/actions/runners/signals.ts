import { throwIfCancelled } from '../cancel.js';
import { ActionFailed, type RunContext, type RunReport } from '../run-context.js';
import type { SignalPlan, SignalStep } from '../types.js';
import { waitReady } from '../wait-ready.js';

async function runStep(step: SignalStep, plan: SignalPlan, ctx: RunContext): Promise<void> {
  const m = ctx.hosts(step.container.host);
  const { id, name, host } = step.container;
  ctx.progress({ host, container: name, message: `${step.op} ${name}…` });
  switch (step.op) {
    case 'restart':
      // No `t`: the daemon uses the container's own StopTimeout and StopSignal.
      await m.restart(id);
      break;
    case 'kill':
      await m.kill(id, step.signal ?? 'SIGKILL');
      break;
    case 'stop':
      await m.stop(id, step.timeoutSeconds);
      break;
    case 'start':
      await m.start(id);
      break;
  }
  if (step.waitReady) {
    ctx.progress({ host, container: name, message: `waiting for ${name} to be running/healthy` });
    const ready = await waitReady(m, id, {
      timeoutSeconds: plan.readyTimeoutSeconds,
      runningSeconds: 1,
      pollMs: ctx.pollMs,
      now: ctx.now,
      sleep: ctx.sleep,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (!ready.ok) {
      const health = ready.healthOutput ? `\n    health: ${ready.healthOutput}` : '';
      const logs = ready.logs.length ? `\n    last log lines:\n      ${ready.logs.join('\n      ')}` : '';
      throw new ActionFailed(
        `${ready.reason} — the rolling ${step.op} stopped here on ${host}${health}${logs}`,
        {
          failed: `${host}/${name}`,
          logs: ready.logs,
          ...(ready.healthOutput ? { healthOutput: ready.healthOutput } : {}),
        },
      );
    }
  }
  ctx.progress({ host, container: name, message: `${step.op} ${name}: done` });
}

/** Hosts side by side; on each host, its steps one after another (a rolling restart). */
export async function runSignalPlan(plan: SignalPlan, ctx: RunContext): Promise<RunReport> {
  const done: string[] = [];
  const results = await Promise.allSettled(
    plan.perHost.map(async ({ host, steps }) => {
      for (const step of steps) {
        throwIfCancelled(ctx.signal);
        await ctx.limiter.run(host, () => runStep(step, plan, ctx));
        done.push(`${host}/${step.container.name}`);
      }
    }),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    const first = failures[0];
    if (first instanceof Error && first.name === 'ActionCancelled') throw first;
    const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
    throw new ActionFailed(messages.join('; '), {
      done,
      ...(first instanceof ActionFailed ? first.details : {}),
    });
  }
  return {
    message: `${plan.kind}: ${done.length} container${done.length === 1 ? '' : 's'} done`,
    details: { done },
  };
}
