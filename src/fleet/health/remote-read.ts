import type { DockerHostApi } from '../../docker/host-api.js';
import { describeCommandError, describeCommandFailure } from '../../domain/health/command-failure.js';
import { inCLocale } from '../../domain/health/host-commands.js';
import type { Unread } from '../../domain/health/types.js';

export type RemoteRead<T> = { ok: true; value: T } | { ok: false; unread: Unread };

export const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;

/**
 * Attempts of a command that came back cut off (partial output, no exit status). Seen under heavy
 * load (a full CI run on 2 cores) twice in a row on the same host; the cause is not found yet.
 */
const CUT_OFF_ATTEMPTS = 3;

/**
 * Runs one command on the host and parses its output. Whatever goes wrong — no shell, sessions
 * refused, not root, tool missing, odd output — comes back as an `Unread` saying so, never a throw.
 */
export async function readRemote<T>(
  api: DockerHostApi,
  spec: { what: string; program: string; command: string; timeoutMs?: number },
  parse: (stdout: string) => T | undefined,
): Promise<RemoteRead<T>> {
  const unread = (reason: string): RemoteRead<T> => ({ ok: false, unread: { what: spec.what, reason } });
  let out;
  try {
    const run = () =>
      api.runHostCommand(inCLocale(spec.command), {
        timeoutMs: spec.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      });
    out = await run();
    // Reads are idempotent: a command cut off mid-way (seen now and then under load: partial
    // output, no exit status) is asked again before the panel says it could not read.
    for (let attempt = 1; out.code === null && attempt < CUT_OFF_ATTEMPTS; attempt++) out = await run();
  } catch (err) {
    return unread(describeCommandError(err));
  }
  const failure = describeCommandFailure(spec.program, out);
  if (failure !== undefined) return unread(failure);
  const value = parse(out.stdout);
  if (value === undefined) {
    const first = out.stdout.trim().split('\n')[0] ?? '';
    return unread(
      `unexpected output from \`${spec.program}\`${first ? `: ${first.slice(0, 120)}` : ' (empty)'}`,
    );
  }
  return { ok: true, value };
}
