import { hostname, userInfo } from 'node:os';
import type { HostMutations } from '../docker/mutations/index.js';
import { randomBytes } from 'node:crypto';
import { auditParams, auditSummary, type AuditSink } from './audit-log.js';
import { ActionCancelled, sleep } from './cancel.js';
import { HostLimiter } from './host-limiter.js';
import { JournalStore } from './journal.js';
import { ActionFailed, type RunContext, type RunReport } from './run-context.js';
import { runRedeploy, runRedeployRecover } from './runners/redeploy.js';
import { runSignalPlan } from './runners/signals.js';
import { runBreakLock } from './runners/break-lock.js';
import { runPrune } from './prune/run.js';
import { runExec } from './exec/run.js';
import type { ExecIoFor } from './exec/types.js';
import { runSwarmRedeploy } from './runners/swarm-redeploy.js';
import { runSwarmOp } from './runners/swarm-ops.js';
import { runRollback, runShip, runSnapshot, runSnapshotDelete } from './runners/snapshot.js';
import type { ProgressMeter } from '../domain/progress/meter.js';
import type { ActionOutcome, ActionPlan, ActionProgress } from './types.js';

export interface ExecutorOptions {
  /** `--read-only` / `--wallboard`: every plan is refused before anything is sent. */
  readOnly: boolean;
  hosts: (name: string) => HostMutations;
  audit: AuditSink;
  /** Rollout journals (`<data dir>/rollouts`). */
  journalDir: string;
  /** Instead of a JournalStore on journalDir (tests: a store that "dies" at a given write). */
  journals?: JournalStore;
  user?: string;
  machine?: string;
  perHostConcurrency?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  pollMs?: number;
}

export interface RunOptions {
  /** `true` answers a yes/no confirmation; a string must equal the plan's text to type. */
  confirm?: boolean | string;
  onProgress?: (p: ActionProgress) => void;
  /** Readings of long work (replicas, bytes, hosts done) for a progress bar; never in --json. */
  onMeter?: (m: ProgressMeter) => void;
  signal?: AbortSignal;
  /** exec: the streams of each container's session. */
  execIo?: ExecIoFor;
}

export function isConfirmed(plan: ActionPlan, confirm: boolean | string | undefined): boolean {
  const c = plan.confirmation;
  return c.mode === 'type' ? confirm === c.text : confirm === true || confirm === 'y' || confirm === 'yes';
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * The one way any mutating action runs: read-only refusal, confirmation, per-host concurrency,
 * cancel, and audit lines: one before anything is sent (a killed run leaves it), one at the end
 * whatever happens (a refusal, which sends nothing, has only that one).
 */
export class ActionExecutor {
  private readonly limiter: HostLimiter;
  private readonly journals: JournalStore;
  private readonly user: string;
  private readonly machine: string;
  private readonly now: () => number;

  constructor(private readonly opts: ExecutorOptions) {
    this.limiter = new HostLimiter(opts.perHostConcurrency ?? 4);
    this.journals = opts.journals ?? new JournalStore(opts.journalDir);
    this.user = opts.user ?? currentUser();
    this.machine = opts.machine ?? hostname();
    this.now = opts.now ?? Date.now;
  }

  get readOnly(): boolean {
    return this.opts.readOnly;
  }

  async run(plan: ActionPlan, runOpts: RunOptions = {}): Promise<ActionOutcome> {
    const started = this.now();
    const base = {
      run: `${started.toString(36)}-${randomBytes(3).toString('hex')}`,
      time: new Date(started).toISOString(),
      user: this.user,
      machine: this.machine,
      hosts: plan.hosts,
      target: plan.target,
      action: plan.kind,
      params: auditParams(plan.params),
    };
    const finish = async (o: Omit<ActionOutcome, 'durationMs'>): Promise<ActionOutcome> => {
      const outcome: ActionOutcome = { ...o, durationMs: this.now() - started };
      await this.opts.audit.append({
        ...base,
        phase: 'end',
        result: outcome.result,
        message: auditSummary(outcome.message),
        durationMs: outcome.durationMs,
      });
      return outcome;
    };
    if (this.opts.readOnly) {
      return finish({
        result: 'refused',
        message: `read-only mode: ${plan.kind} of ${plan.target} refused — nothing was sent; start fleetdeck without --read-only/--wallboard to make changes`,
        details: {},
      });
    }
    if (!isConfirmed(plan, runOpts.confirm)) {
      const need = plan.confirmation.mode === 'type' ? `type "${plan.confirmation.text}"` : 'answer yes';
      return finish({
        result: 'refused',
        message: `${plan.kind} of ${plan.target} not confirmed — nothing was done (${need}, or pass --yes)`,
        details: {},
      });
    }
    try {
      await this.opts.audit.append({ ...base, phase: 'start' });
    } catch (err) {
      // Unrecorded actions do not run: the audit log is how a crash mid-action is traced.
      return {
        result: 'failed',
        message: `${plan.kind} of ${plan.target} not started — the audit log could not be written (${err instanceof Error ? err.message : String(err)}); check the data directory (--data-dir)`,
        details: {},
        durationMs: this.now() - started,
      };
    }
    const ctx: RunContext = {
      hosts: this.opts.hosts,
      limiter: this.limiter,
      ...(runOpts.signal ? { signal: runOpts.signal } : {}),
      progress: (p) => runOpts.onProgress?.({ time: this.now(), ...p }),
      meter: (m) => runOpts.onMeter?.({ ...m, at: this.now() }),
      now: this.now,
      sleep: this.opts.sleep ?? sleep,
      journals: this.journals,
      user: this.user,
      machine: this.machine,
      pollMs: this.opts.pollMs ?? 500,
    };
    try {
      const report = await dispatch(plan, ctx, runOpts);
      return await finish({ result: 'ok', message: report.message, details: report.details });
    } catch (err) {
      if (err instanceof ActionCancelled) {
        return finish({
          result: 'cancelled',
          message: `${plan.kind} of ${plan.target}: ${err.message}`,
          details: {},
        });
      }
      const details = err instanceof ActionFailed ? err.details : {};
      const message = err instanceof Error ? err.message : String(err);
      return finish({ result: 'failed', message, details });
    }
  }
}

function dispatch(plan: ActionPlan, ctx: RunContext, runOpts: RunOptions): Promise<RunReport> {
  switch (plan.kind) {
    case 'restart':
    case 'kill':
    case 'stop':
    case 'start':
      return runSignalPlan(plan, ctx);
    case 'redeploy':
      return 'via' in plan ? runSwarmRedeploy(plan, ctx) : runRedeploy(plan, ctx);
    case 'redeploy-recover':
      return runRedeployRecover(plan, ctx);
    case 'lock-break':
      return runBreakLock(plan, ctx);
    case 'snapshot':
      return runSnapshot(plan, ctx);
    case 'snapshot-delete':
      return runSnapshotDelete(plan, ctx);
    case 'ship':
      return runShip(plan, ctx);
    case 'rollback':
      return runRollback(plan, ctx);
    case 'prune':
      return runPrune(plan, ctx);
    case 'exec':
      return runExec(plan, ctx, runOpts.execIo);
    case 'swarm-scale':
    case 'swarm-force-update':
    case 'swarm-rollback':
    case 'node-drain':
    case 'node-activate':
      return runSwarmOp(plan, ctx);
  }
}
