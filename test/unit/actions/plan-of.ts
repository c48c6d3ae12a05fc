import type { ActionKind, ActionPlan, ActionService, PlanParams } from '../../../src/actions/index.js';
import { parseActionTarget } from '../../../src/app/commands/actions/run-action.js';

/** The plan for a TARGET as the CLI types it: parsed once, as the CLI does, then planned. */
export async function planOf(
  svc: ActionService,
  kind: ActionKind,
  target: string,
  params: PlanParams = {},
): Promise<ActionPlan> {
  return (await svc.plan(kind, parseActionTarget(kind, target), params)).plan;
}
