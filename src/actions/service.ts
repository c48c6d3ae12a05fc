import { systemClock, type Clock } from '../util/clock.js';
import { targetText, type ActionTarget, type ContainerSetTarget } from '../domain/target.js';
import type { HostMutations, ImageSummary } from '../docker/mutations/index.js';
import type { ActionExecutor, RunOptions } from './executor.js';
import { JournalStore, type RolloutJournal } from './journal.js';
import { planRecover } from './planners/recover-plan.js';
import { planBreakLockOf } from './break-lock-gather.js';
import { snapshotLeftovers, type SnapshotLeftover } from './snapshot-leftovers.js';
import { listSnapshots, type SnapshotListing } from './snapshot-listing.js';
import { planRedeploy } from './planners/redeploy-plan.js';
import { PlanError, planSignalAction } from './planners/signal-plan.js';
import {
  planRollback,
  planShip,
  planSnapshot,
  planSnapshotDelete,
  POST_LABEL,
  PRE_LABEL,
  SNAP_CONTAINER,
} from './planners/snapshot-plan.js';
import { findSwarmRole, planSwarmRoleRedeploy } from './swarm-target.js';
import { planSwarmTarget } from './swarm-op-target.js';
import type { SwarmState } from '../domain/swarm.js';
import { planPruneAction } from './prune/service-plan.js';
import { planExec } from './exec/plan.js';
import type { ExecParams } from './exec/types.js';
import { TargetResolver, type UnreachableHost } from './target-resolver.js';
import type { ActionKind, ActionOutcome, ActionPlan } from './types.js';

export interface PlanParams {
  signal?: string;
  timeoutSeconds?: number;
  image?: string;
  batch?: string;
  waitSeconds?: number;
  healthTimeoutSeconds?: number;
  migrate?: string;
  /** rollback: the snapshot image (tag or id). */
  snapshot?: string;
  withVolumes?: boolean;
  keep?: number;
  pre?: string;
  post?: string;
  from?: string;
  to?: string;
  host?: string;
  mode?: 'resume' | 'rollback';
  /** prune: only dangling images / exited containers / anonymous volumes. */
  danglingOnly?: boolean;
  /** exec: the command and how to run it. */
  exec?: ExecParams;
  /** swarm-scale: the replica count asked for. */
  replicas?: number;
}

export interface ActionServiceDeps {
  executor: ActionExecutor;
  hosts: (name: string) => HostMutations;
  hostNames: readonly string[];
  journalDir: string;
  /** Where plans read the time (snapshot names); the system clock unless a test drives one. */
  clock?: Pick<Clock, 'now'>;
  /** Snapshot pre/post commands and retention from the fleet file, per role (labels and flags win). */
  snapshotDefaults?: (role: string) => { pre?: string; post?: string; keep?: number };
  /** The swarms as last read (the dashboard's sources): swarm actions on a service or node plan from them. */
  swarmStates?: () => readonly SwarmState[];
}

/** A plan and the hosts that could not be listed while making it (their containers are left out). */
export interface Planned {
  plan: ActionPlan;
  unreachable: UnreachableHost[];
}

/**
 * What the dashboard and the commands call: `plan` looks at the fleet and builds a pure plan
 * (shown to the operator, with the confirmation it needs); `run` hands it to the one executor.
 */
export class ActionService {
  private readonly journals: JournalStore;

  constructor(private readonly deps: ActionServiceDeps) {
    this.journals = new JournalStore(deps.journalDir);
  }

  get readOnly(): boolean {
    return this.deps.executor.readOnly;
  }

  run(plan: ActionPlan, opts: RunOptions = {}): Promise<ActionOutcome> {
    return this.deps.executor.run(plan, opts);
  }

  interruptedRollouts(): Promise<RolloutJournal[]> {
    return this.journals.unfinished();
  }

  /**
   * The plan of `kind` on `target`, as structured by the dashboard or parsed once by the CLI, with
   * the hosts that could not be listed for it.
   */
  async plan(kind: ActionKind, target: ActionTarget, p: PlanParams = {}): Promise<Planned> {
    const resolver = new TargetResolver(this.deps.hostNames, this.deps.hosts);
    const plan = await this.build(kind, target, p, resolver);
    return { plan, unreachable: [...resolver.unreachable] };
  }

  private async build(
    kind: ActionKind,
    target: ActionTarget,
    p: PlanParams,
    resolver: TargetResolver,
  ): Promise<ActionPlan> {
    const now = (this.deps.clock ?? systemClock).now();
    const text = targetText(target);
    const containers = (): ContainerSetTarget => {
      if (target.kind === 'image' || target.kind === 'service' || target.kind === 'node')
        throw new PlanError(`${kind} takes a container, role or host — not ${target.kind} ${text}`);
      return target;
    };
    switch (kind) {
      case 'restart':
      case 'kill':
      case 'stop':
      case 'start':
        return planSignalAction({
          kind,
          target: text,
          containers: await resolver.resolve(containers()),
          ...(p.signal !== undefined ? { signal: p.signal } : {}),
          ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
        });
      case 'redeploy': {
        if (target.kind !== 'role') {
          throw new PlanError(`redeploy takes a role, e.g. role:web — not "${text}"`);
        }
        if (!p.image) throw new PlanError('redeploy needs --image IMAGE[:TAG]');
        const role = target.role;
        // A role that is a Swarm service is rolled by the swarm itself, through its manager.
        const swarm = await findSwarmRole(
          role,
          await resolver.listAll(),
          this.deps.hostNames,
          this.deps.hosts,
        );
        if (swarm)
          return planSwarmRoleRedeploy(
            swarm,
            { ...p, role, image: p.image },
            this.deps.hosts,
            this.deps.hostNames,
          );
        const replicas = await resolver.resolve(target);
        if (resolver.unreachable.length > 0) {
          throw new PlanError(
            `cannot redeploy ${text} while hosts are unreachable (their replicas are unknown): ${resolver.unreachable.map((u) => u.reason).join('; ')}`,
          );
        }
        // Every fleet host is asked, not only the role's: one that has the image can ship it.
        const image = p.image;
        const present = await Promise.allSettled(
          this.deps.hostNames.map((h) => this.deps.hosts(h).imagePresent(image)),
        );
        const imagePresentOn = this.deps.hostNames.filter((_, i) => {
          const r = present[i];
          return r?.status === 'fulfilled' && r.value;
        });
        const downHosts = this.deps.hostNames.filter((_, i) => present[i]?.status === 'rejected');
        return planRedeploy({
          role,
          image,
          replicas,
          imagePresentOn,
          downHosts,
          ...(p.batch !== undefined ? { batch: p.batch } : {}),
          ...(p.waitSeconds !== undefined ? { waitSeconds: p.waitSeconds } : {}),
          ...(p.healthTimeoutSeconds !== undefined ? { healthTimeoutSeconds: p.healthTimeoutSeconds } : {}),
          ...(p.migrate ? { migrate: p.migrate } : {}),
        });
      }
      case 'redeploy-recover': {
        const role = target.kind === 'role' ? target.role : text;
        const j = await this.journals.read(role);
        if (!j) throw new PlanError(`role ${role} has no interrupted rollout`);
        return planRecover(j, p.mode ?? 'rollback');
      }
      case 'lock-break':
        if (target.kind !== 'role') throw new PlanError(`--break-lock takes role:NAME, not ${text}`);
        return planBreakLockOf(target.role, this.deps, this.journals, now);
      case 'snapshot': {
        const container = await resolver.one(containers());
        // A flag wins over the container's own label, which wins over the fleet file.
        const fleet = this.deps.snapshotDefaults?.(container.role) ?? {};
        const pre = p.pre ?? container.labels[PRE_LABEL] ?? fleet.pre;
        const post = p.post ?? container.labels[POST_LABEL] ?? fleet.post;
        const keep = p.keep ?? fleet.keep;
        return planSnapshot({
          target: text,
          container,
          now,
          withVolumes: p.withVolumes ?? true,
          ...(pre ? { pre } : {}),
          ...(post ? { post } : {}),
          ...(keep !== undefined ? { keep } : {}),
        });
      }
      case 'rollback': {
        const container = await resolver.one(containers());
        const snaps = await this.deps.hosts(container.host).images(`${SNAP_CONTAINER}=${container.name}`);
        const snapshot = p.snapshot
          ? snaps.find(
              (s) =>
                s.tags.includes(p.snapshot!) ||
                s.id === p.snapshot ||
                s.id.startsWith(`sha256:${p.snapshot}`),
            )
          : latest(snaps);
        if (!snapshot) {
          throw new PlanError(
            `${container.host}/${container.name}: no snapshot ${p.snapshot ?? ''} found — list them with \`fleetdeck snapshot list ${container.host}/${container.name}\``,
          );
        }
        return planRollback({ target: text, container, snapshot });
      }
      case 'ship':
        if (!p.from || !p.to) throw new PlanError('ship needs --from HOST and --to HOST');
        return planShip({ image: text, from: p.from, to: p.to });
      case 'snapshot-delete':
        if (!p.host) throw new PlanError('deleting a snapshot needs --host HOST');
        return planSnapshotDelete({ host: p.host, image: text });
      case 'exec':
        return planExec({
          target: text,
          containers: await resolver.resolve(containers()),
          params: p.exec ?? { cmd: [] },
        });
      case 'prune': {
        const r = await planPruneAction(text, p, this.deps.hostNames, this.deps.hosts);
        resolver.unreachable.push(...r.unreachable);
        return r.plan;
      }
      case 'swarm-scale':
      case 'swarm-force-update':
      case 'swarm-rollback':
      case 'node-drain':
      case 'node-activate':
        // Planned from a read of the swarm (planSwarmOp), not from the fleet's containers.
        if ((target.kind === 'service' || target.kind === 'node') && this.deps.swarmStates)
          return planSwarmTarget(kind, target, this.deps.swarmStates(), p.replicas);
        throw new PlanError(
          `${kind} is planned from its swarm: use fleetdeck scale|drain|activate|force-update`,
        );
    }
  }

  /** Helper containers and `…-base` images interrupted snapshots left on the hosts. */
  snapshotLeftovers(): Promise<SnapshotLeftover[]> {
    return snapshotLeftovers(this.deps.hostNames.map((h) => this.deps.hosts(h)));
  }

  /** Snapshots per host (optionally of one container), newest first, with sizes. */
  listSnapshots(container?: string): Promise<SnapshotListing[]> {
    const hosts = this.deps.hostNames.map((name) => ({ name, api: this.deps.hosts(name) }));
    return listSnapshots(hosts, container);
  }
}

function latest(snaps: ImageSummary[]): ImageSummary | undefined {
  return [...snaps].sort((a, b) => b.created - a.created)[0];
}
