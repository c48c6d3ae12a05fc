import { useCallback, useContext, useRef } from 'react';
import type { ActionOutcome } from '../../actions/index.js';
import type { Container } from '../../domain/container.js';
import type { DashboardEvent, DetailsTarget, Message } from '../dashboard/state.js';
import { TerminalHandoffContext } from './handoff-context.js';
import type { OpenShell } from './types.js';

/** What the status line says once the shell has ended (or was never started). */
export function shellEndMessage(where: string, outcome: ActionOutcome): Message {
  const exit = (outcome.details as { results?: Array<{ exitCode: number | null }> }).results?.[0]?.exitCode;
  if (outcome.result === 'ok')
    return { text: `shell in ${where} ended (exit ${exit ?? '?'})`, tone: 'text.dim' };
  return { text: `shell in ${where}: ${outcome.message}`, tone: 'status.warn' };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `e`'s effect: the app's port plans and runs the session, and takes the terminal from the
 * dashboard only when the session starts. The dashboard's state is untouched meanwhile, so the
 * same view, cursor and filter are there when it ends; what happened comes back as a message.
 */
export function useShell(
  openShell: OpenShell | undefined,
  containers: readonly Container[],
  dispatch: (event: DashboardEvent) => void,
): (target: DetailsTarget) => void {
  const handoff = useContext(TerminalHandoffContext);
  const busy = useRef(false);
  const latest = useRef({ containers, dispatch });
  latest.current = { containers, dispatch };
  return useCallback(
    (target: DetailsTarget) => {
      const say = (message: Message): void => latest.current.dispatch({ type: 'message', message });
      const where = `${target.host}/${target.name}`;
      if (!openShell) return say({ text: 'shells are not available here', tone: 'status.warn' });
      if (!handoff)
        return say({ text: 'no terminal to hand to a shell (stdout is not a TTY)', tone: 'status.warn' });
      if (busy.current) return;
      busy.current = true;
      const role =
        latest.current.containers.find((c) => c.host === target.host && c.id === target.id)?.role ?? '';
      say({ text: `opening a shell in ${where}…`, tone: 'text.dim' });
      openShell({ ...target, role }, handoff)
        .then(
          (outcome) => say(shellEndMessage(where, outcome)),
          (err: unknown) => say({ text: `shell in ${where}: ${messageOf(err)}`, tone: 'status.warn' }),
        )
        .finally(() => {
          busy.current = false;
        });
    },
    [openShell, handoff],
  );
}
