import type { ActionOutcome, ActionService } from '../actions/index.js';
import { shellCommand } from '../actions/exec/shell-command.js';
import type { OpenShell } from '../ui/shell/types.js';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The dashboard's `e`: an interactive exec (TTY, stdin) in one container over its host's existing
 * connection, planned and run by the one executor — so a read-only executor refuses it before
 * anything is sent, and the audit log gets the command (never what the shell printed). The
 * terminal is taken only when the executor starts the session (a refusal or a planning error never
 * leaves the dashboard's screen), and given back however the session ends.
 */
export function shellPort(
  service: Pick<ActionService, 'plan' | 'run'>,
  shellOfRole: (role: string) => string | undefined,
): OpenShell {
  return async (target, terminal): Promise<ActionOutcome> => {
    const cmd = shellCommand(shellOfRole(target.role));
    let plan;
    try {
      ({ plan } = await service.plan(
        'exec',
        { kind: 'container', host: target.host, id: target.id, name: target.name },
        { exec: { cmd, tty: true, interactive: true } },
      ));
    } catch (err) {
      return { result: 'failed', message: messageOf(err), durationMs: 0, details: {} };
    }
    let taken = false;
    try {
      // One container, one key press for it: the key is the yes (a group target would need a name typed).
      return await service.run(plan, {
        confirm: plan.confirmation.mode === 'yes-no' ? true : undefined,
        execIo: () => {
          const t = terminal.take();
          taken = true;
          return { stdin: t.stdin, stdout: t.stdout, stderr: t.stdout, size: t.size, onResize: t.onResize };
        },
      });
    } finally {
      if (taken) terminal.giveBack();
    }
  };
}
