import type { ContainerDetails } from '../../domain/details.js';
import { confirmationFor, isGroupTarget } from '../planners/confirmation.js';
import { isFleetdeckInternal } from '../planners/redeploy-plan.js';
import { PlanError } from '../planners/signal-plan.js';
import type { ExecParams, ExecPlan } from './types.js';

/** Quotes a word for display only (the command is sent as an argv, never through a shell). */
function shown(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The pure plan of an exec: the running containers the target names. A role target runs on every
 * running replica and asks for the role's name typed, like other role-wide actions; a TTY session
 * takes one container (a terminal cannot be shared by several).
 */
export function planExec(input: {
  target: string;
  containers: readonly ContainerDetails[];
  params: ExecParams;
}): ExecPlan {
  const { target, params } = input;
  if (params.cmd.length === 0)
    throw new PlanError('exec needs a command: fleetdeck exec TARGET -- CMD ARGS…');
  const found = input.containers.filter((c) => !isFleetdeckInternal(c.name));
  const running = found.filter((c) => c.state === 'running');
  if (running.length === 0) {
    const states = found.map((c) => `${c.host}/${c.name} is ${c.state}`).join(', ');
    throw new PlanError(`exec: nothing running in ${target}${states ? ` (${states})` : ''} — start it first`);
  }
  const group = isGroupTarget(target) || running.length > 1;
  const tty = params.tty ?? false;
  if ((tty || params.interactive) && running.length > 1) {
    throw new PlanError(
      `exec -i/-t needs one container, and ${target} is ${running.length} (${running.map((c) => `${c.host}/${c.name}`).join(', ')}) — name one as host/name`,
    );
  }
  const command = params.cmd.map(shown).join(' ');
  const containers = running.map((c) => ({ host: c.host, id: c.id, name: c.name }));
  const where = containers.map((c) => `${c.host}/${c.name}`);
  const skipped = found.filter((c) => c.state !== 'running').map((c) => `${c.host}/${c.name} (${c.state})`);
  const summary = `exec \`${command}\` in ${group ? `${containers.length} replicas of ${target}` : where[0]}`;
  return {
    kind: 'exec',
    target,
    summary,
    steps: [
      ...where.map(
        (w) =>
          `run \`${command}\` in ${w}${params.user ? ` as ${params.user}` : ''}${params.workdir ? ` in ${params.workdir}` : ''}`,
      ),
      ...(skipped.length ? [`skip ${skipped.join(', ')}: not running`] : []),
    ],
    hosts: [...new Set(containers.map((c) => c.host))],
    confirmation: confirmationFor(target, summary, group),
    // The audit line records the command, never its output.
    params: {
      cmd: params.cmd,
      ...(params.user ? { user: params.user } : {}),
      ...(params.workdir ? { workdir: params.workdir } : {}),
      tty,
      interactive: params.interactive ?? false,
      containers: where,
    },
    containers,
    cmd: [...params.cmd],
    ...(params.user ? { user: params.user } : {}),
    ...(params.workdir ? { workdir: params.workdir } : {}),
    tty,
    interactive: params.interactive ?? false,
  };
}
