import type {
  ActionKind,
  ActionOutcome,
  ActionPlan,
  PlanParams,
  Planned,
  RolloutJournal,
  RunOptions,
  SignalPlan,
} from '../../../src/actions/index.js';
import type { ProgressMeter } from '../../../src/domain/progress/meter.js';
import { targetText, type ActionTarget } from '../../../src/domain/target.js';
import type { FleetActions } from '../../../src/ui/action-flow/types.js';

export interface PlanCall {
  kind: ActionKind;
  /** The target as text, for short assertions (`targets` has it as handed over). */
  target: string;
  params: PlanParams;
}

/** A plan shaped like the real planner's: group targets ask for the name typed, single ones a yes. */
export function fakePlan(kind: ActionKind, target: string, params: PlanParams = {}): ActionPlan {
  const group = target.startsWith('role:');
  const word = group ? target.slice(5) : target.slice(target.indexOf('/') + 1);
  const host = group ? 'web-a' : target.slice(0, target.indexOf('/'));
  const summary = `${kind} ${target}`;
  const typed = group || kind === 'kill' || kind === 'stop' || kind === 'redeploy-recover';
  const plan: SignalPlan = {
    kind: 'restart',
    target,
    summary,
    steps: [`${host}: ${kind} ${word} step one`, `${host}: ${kind} ${word} step two`],
    hosts: group ? ['web-a', 'web-b'] : [host],
    confirmation: typed
      ? { mode: 'type', text: word, prompt: `${summary} — type "${word}" to proceed` }
      : { mode: 'yes-no', prompt: `${summary} — proceed? [y/N]` },
    params: { ...params },
    perHost: [],
    readyTimeoutSeconds: 60,
  };
  return { ...plan, kind } as ActionPlan;
}

/**
 * A stand-in ActionService: records plans and runs; each run waits until the test settles it
 * (`finish`), so progress and cancel can be watched while it is "running".
 */
export class FakeActions implements FleetActions {
  readOnly = false;
  unreachable: Array<{ host: string; reason: string }> = [];
  plans: PlanCall[] = [];
  /** Each plan's target exactly as the dashboard handed it to the action layer. */
  targets: ActionTarget[] = [];
  runs: Array<{ plan: ActionPlan; opts: RunOptions }> = [];
  journals: RolloutJournal[] = [];
  planError: Error | undefined;
  private pending: Array<(o: ActionOutcome) => void> = [];

  plan = async (kind: ActionKind, structured: ActionTarget, params: PlanParams = {}): Promise<Planned> => {
    const target = targetText(structured);
    this.plans.push({ kind, target, params });
    this.targets.push(structured);
    if (this.planError) throw this.planError;
    return { plan: fakePlan(kind, target, params), unreachable: [...this.unreachable] };
  };

  run = (plan: ActionPlan, opts: RunOptions = {}): Promise<ActionOutcome> => {
    this.runs.push({ plan, opts });
    return new Promise((resolve) => {
      this.pending.push(resolve);
      // The real executor ends a cancelled run once the step in progress is put back.
      opts.signal?.addEventListener('abort', () =>
        this.finish({ result: 'cancelled', message: `${plan.kind} of ${plan.target}: cancelled` }),
      );
    });
  };

  interruptedAsked = 0;

  interruptedRollouts = async (): Promise<RolloutJournal[]> => {
    this.interruptedAsked++;
    return this.journals;
  };

  progress(message: string, host?: string): void {
    const run = this.runs.at(-1);
    run?.opts.onProgress?.({ time: 0, message, ...(host ? { host } : {}) });
  }

  /** A progress meter reading of the run in progress (a bar in the dialog). */
  meter(m: ProgressMeter): void {
    this.runs.at(-1)?.opts.onMeter?.(m);
  }

  finish(o: Pick<ActionOutcome, 'result' | 'message'>): void {
    this.pending.shift()?.({ ...o, durationMs: 1, details: {} });
  }
}
