import type { RolloutJournal } from '../journal.js';
import type { RedeployRecoverPlan } from '../types.js';
import { confirmationFor } from './confirmation.js';

/** Resume or roll back an interrupted rollout, from what its journal says. */
export function planRecover(j: RolloutJournal, mode: 'resume' | 'rollback'): RedeployRecoverPlan {
  const target = `role:${j.role}`;
  const inFlight = j.replicas.filter((r) => !['pending', 'done', 'reverted'].includes(r.phase));
  const done = j.replicas.filter((r) => r.phase === 'done');
  const rest = j.replicas.filter((r) => r.phase === 'pending' || r.phase === 'reverted');
  const steps = [
    `interrupted rollout ${j.id} of role ${j.role} to ${j.image} (started ${j.startedAt} by ${j.user}@${j.machine})`,
    ...inFlight.map(
      (r) =>
        `${r.host}/${r.name}: was at "${r.phase}" — remove the new container, give the old one its name back, start it`,
    ),
  ];
  if (mode === 'resume') {
    steps.push(
      ...(j.loads ?? []).map(
        (l) => `load ${l.image} on ${l.to} from ${l.from}, unless it landed before the interruption`,
      ),
    );
    steps.push(
      ...[...inFlight, ...rest].map(
        (r) => `${r.host}/${r.name}: replace with ${j.image} (batches of ${j.batchSize})`,
      ),
    );
  } else {
    steps.push(
      ...done.map((r) => `${r.host}/${r.name}: replace with its old image ${r.oldImage}, one at a time`),
    );
  }
  const summary =
    mode === 'resume'
      ? `resume rollout ${j.id} of ${target} to ${j.image}`
      : `roll back rollout ${j.id} of ${target}: everything back on the old image`;
  return {
    kind: 'redeploy-recover',
    target,
    summary,
    steps,
    hosts: [...new Set(j.replicas.map((r) => r.host))].sort(),
    confirmation: confirmationFor(target, summary, true),
    params: { mode, rolloutId: j.id, image: j.image },
    role: j.role,
    mode,
    rolloutId: j.id,
  };
}
