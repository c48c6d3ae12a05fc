import type { HostMutations } from '../../docker/mutations/index.js';
import { PlanError } from '../planners/signal-plan.js';
import { gatherPrune } from './gather.js';
import { planPrune } from './plan.js';
import { PRUNE_WHATS, type PrunePlan, type PruneWhat } from './types.js';

/** `prune images|containers|volumes|networks [--host H]`: reads the hosts, then the pure plan. */
export async function planPruneAction(
  target: string,
  p: { host?: string; danglingOnly?: boolean },
  hostNames: readonly string[],
  hosts: (name: string) => HostMutations,
): Promise<{ plan: PrunePlan; unreachable: Array<{ host: string; reason: string }> }> {
  if (!(PRUNE_WHATS as readonly string[]).includes(target)) {
    throw new PlanError(`prune takes ${PRUNE_WHATS.join(', ')} — not "${target}"`);
  }
  const what = target as PruneWhat;
  if (p.host !== undefined && !hostNames.includes(p.host)) {
    throw new PlanError(`no host "${p.host}" in the fleet — hosts are: ${hostNames.join(', ')}`);
  }
  const names = p.host !== undefined ? [p.host] : hostNames;
  const { inputs, unreachable } = await gatherPrune(what, names, hosts);
  if (inputs.length === 0) {
    throw new PlanError(
      `cannot prune ${what}: no host answered (${unreachable.map((u) => u.reason).join('; ')})`,
    );
  }
  const plan = planPrune({
    what,
    danglingOnly: p.danglingOnly ?? false,
    hosts: inputs,
    ...(p.host !== undefined ? { host: p.host } : {}),
  });
  return { plan, unreachable };
}
