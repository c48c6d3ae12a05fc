import type { Container } from '../domain/container.js';
import type { ContainerDetails } from '../domain/details.js';
import { resolveTarget, targetText, type ContainerSetTarget } from '../domain/target.js';
import type { HostMutations } from '../docker/mutations/index.js';
import { isFleetdeckInternal } from './planners/redeploy-plan.js';
import { PlanError } from './planners/signal-plan.js';

/** A host that could not be listed while planning, with why (shown as a warning with the plan). */
export interface UnreachableHost {
  host: string;
  reason: string;
}

/**
 * Finds what one plan acts on. One resolver per plan call, so the hosts it could not list belong
 * to that plan (returned with it), never to shared state read afterwards.
 */
export class TargetResolver {
  readonly unreachable: UnreachableHost[] = [];
  private listing: Promise<Container[]> | undefined;

  constructor(
    private readonly hostNames: readonly string[],
    private readonly hosts: (name: string) => HostMutations,
  ) {}

  /** Every fleet host's containers (fleetdeck's own helpers left out), listed once per plan. */
  listAll(): Promise<Container[]> {
    this.listing ??= this.list();
    return this.listing;
  }

  private async list(): Promise<Container[]> {
    const results = await Promise.allSettled(this.hostNames.map((h) => this.hosts(h).list(true)));
    const out: Container[] = [];
    results.forEach((r, i) => {
      const host = this.hostNames[i]!;
      if (r.status === 'fulfilled') out.push(...r.value);
      else
        this.unreachable.push({
          host,
          reason: r.reason instanceof Error ? r.reason.message : String(r.reason),
        });
    });
    return out.filter((c) => !isFleetdeckInternal(c.name));
  }

  /**
   * The containers `target` names, inspected. A container the dashboard names by host and id is
   * inspected on its host directly: the fleet is listed only when a name has to be looked up.
   */
  async resolve(target: ContainerSetTarget): Promise<ContainerDetails[]> {
    if (target.kind === 'container' && target.id !== undefined) {
      const { host, id, name } = target;
      try {
        return [await this.hosts(host).inspect(id)];
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new PlanError(`${host}: cannot inspect ${name}: ${why} — is it still there?`);
      }
    }
    const found = resolveTarget(target, await this.listAll());
    if (!found.ok) {
      const down = this.unreachable.map((u) => u.reason).join('; ');
      throw new PlanError(down ? `${found.error} (unreachable: ${down})` : found.error);
    }
    return Promise.all(found.containers.map((c) => this.hosts(c.host).inspect(c.id)));
  }

  /** Exactly one container, or a PlanError naming the matches. */
  async one(target: ContainerSetTarget): Promise<ContainerDetails> {
    const found = await this.resolve(target);
    if (found.length !== 1) {
      throw new PlanError(
        `"${targetText(target)}" matches ${found.length} containers (${found.map((c) => `${c.host}/${c.name}`).join(', ')}) — name one as host/name`,
      );
    }
    return found[0]!;
  }
}
