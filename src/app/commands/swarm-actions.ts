import { ActionExecutor, AuditLog, auditLogPath, PlanError } from '../../actions/index.js';
import { planSwarmOp, type SwarmOp } from '../../actions/planners/swarm-ops-plan.js';
export type { SwarmOp } from '../../actions/planners/swarm-ops-plan.js';
import type { ActionOutcome, SwarmOpPlan } from '../../actions/types.js';
import type { FleetConfig } from '../../config/index.js';
import type { HostMutations } from '../../docker/mutations/index.js';
import { hostMutations } from '../../docker/mutations/index.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { readSwarmOnce } from '../../fleet/swarm/read-once.js';
import { findNode, findService } from '../../fleet/swarm/swarm-rows.js';
import { EXIT_BAD_INPUT, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig } from '../load-config.js';
import { unlockSshKeys } from '../ssh-auth.js';
import { openTargets } from '../targets.js';
import { actionDataDir, type ActionFlags } from './actions/context.js';
import { confirmAnswer, exitFor, printPlan, type RunFlags } from './actions/run-action.js';
import { createSwarmReader } from '../../docker/swarm-read.js';
import type { SwarmState } from '../../domain/swarm.js';

/** A target of a swarm action: `service:NAME` (or `SWARM/NAME`), or a node's hostname or id. */
function stateFor(states: readonly SwarmState[], op: SwarmOp): SwarmState {
  const ref = 'service' in op ? op.service : op.node;
  const slash = ref.indexOf('/');
  const [swarm, name] = slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [undefined, ref];
  const hits = states.filter(
    (s) =>
      (swarm === undefined || s.swarm === swarm) &&
      ('service' in op ? findService(s, name) : findNode(s, name)),
  );
  if (hits.length === 1) return hits[0]!;
  const what = 'service' in op ? 'service' : 'node';
  throw new UserError(
    hits.length === 0
      ? `no ${what} "${sanitizeLine(ref)}" in the swarms that answered (${states.map((s) => s.swarm).join(', ') || 'none'}) — fleetdeck ${what}s lists them`
      : `${what} "${sanitizeLine(ref)}" is in swarms ${hits.map((h) => h.swarm).join(', ')} — name one as SWARM/${name}`,
    EXIT_BAD_INPUT,
  );
}

function resolved(op: SwarmOp, state: SwarmState): SwarmOp {
  const strip = (ref: string): string => (ref.includes('/') ? ref.slice(ref.indexOf('/') + 1) : ref);
  if ('service' in op) return { ...op, service: findService(state, strip(op.service))?.name ?? op.service };
  return { ...op, node: findNode(state, strip(op.node))?.id ?? op.node };
}

/**
 * scale / force-update / rollback of a service, drain / activate of a node: read the swarm
 * through one manager, plan, confirm, and run through the executor (audit line, read-only
 * refusal). In read-only mode the managers' transport is read-only too.
 */
export async function swarmActionCommand(
  op: SwarmOp,
  flags: RunFlags & ActionFlags,
  io: CommandIo,
  load: (f: ActionFlags, env: NodeJS.ProcessEnv) => Promise<FleetConfig> = loadConfig,
): Promise<number> {
  const config = await load(flags, io.env);
  const swarms = config.swarms ?? [];
  if (swarms.length === 0) {
    throw new UserError(
      'no swarms in the fleet — add a swarms: entry with its managers to the fleet file',
      EXIT_BAD_INPUT,
    );
  }
  const readOnly = Boolean(flags.readOnly || flags.wallboard);
  const managerConfig: FleetConfig = { ...config, hosts: swarms.flatMap((s) => s.managers) };
  await unlockSshKeys(managerConfig);
  const fleet = openTargets(managerConfig, { readOnly });
  const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
  try {
    const results = await Promise.all(
      swarms.map((s) =>
        readSwarmOnce(
          s.name,
          s.managers.flatMap((m) => (apis.get(m.name) ? [createSwarmReader(apis.get(m.name)!)] : [])),
          io.now,
        ),
      ),
    );
    for (const r of results) if (!r.ok) io.stderr.write(`warning: ${sanitizeLine(r.message)}\n`);
    const states = results.flatMap((r) => (r.ok ? [r.state] : []));
    const state = stateFor(states, op);
    let plan: SwarmOpPlan;
    try {
      plan = planSwarmOp(state, resolved(op, state));
    } catch (err) {
      if (err instanceof PlanError) throw new UserError(err.message, EXIT_BAD_INPUT);
      throw err;
    }
    if (!flags.json) printPlan(plan, io);
    const mutations = new Map<string, HostMutations>();
    const executor = new ActionExecutor({
      readOnly,
      hosts: (name) => {
        const api = apis.get(name);
        if (!api) throw new Error(`${name}: not a manager of this fleet`);
        const m = mutations.get(name) ?? hostMutations(api);
        mutations.set(name, m);
        return m;
      },
      audit: new AuditLog(auditLogPath(actionDataDir(flags, io.env))),
      journalDir: `${actionDataDir(flags, io.env)}/rollouts`,
    });
    const confirm = readOnly ? undefined : await confirmAnswer(plan, flags, io);
    const outcome: ActionOutcome = await executor.run(plan, {
      ...(confirm !== undefined ? { confirm } : {}),
      onProgress: (p) => {
        if (!flags.json) io.stderr.write(`  ${sanitizeLine(`${p.host ? `${p.host}: ` : ''}${p.message}`)}\n`);
      },
    });
    if (flags.json) io.stdout.write(JSON.stringify({ plan, outcome }, null, 2) + '\n');
    else
      (outcome.result === 'ok' ? io.stdout : io.stderr).write(
        `${outcome.result === 'ok' ? '' : `${outcome.result}: `}${sanitizeLine(outcome.message)}\n`,
      );
    return exitFor(outcome);
  } finally {
    await fleet.close();
  }
}
