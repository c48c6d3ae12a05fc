import type { HostMutations, PauseGuard } from '../docker/mutations/index.js';
import { ActionFailed, type RunContext } from './run-context.js';

/** The guard on the host unpauses once our heartbeat is this old; heartbeats come every HEARTBEAT_MS. */
export const GUARD_STALE_SECONDS = 15;
export const HEARTBEAT_MS = 5_000;
/** What we promise: a container fleetdeck paused runs again within this, whatever happens to us. */
export const PAUSE_BOUND_SECONDS = 30;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `first`, with what failed after it said below it: the first error is never hidden. */
export function withAlso(first: unknown, also: string): ActionFailed {
  const details = first instanceof ActionFailed ? first.details : {};
  return new ActionFailed(`${messageOf(first)}\n    also: ${also}`, details);
}

/** Real time, not ctx.sleep: a virtual clock must not turn the heartbeat into a busy loop. */
function realEvery(ms: number, fn: () => void): () => void {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
}

function startHeartbeat(guard: PauseGuard, ctx: RunContext): () => void {
  // A missed beat is not fatal: the guard fires only after GUARD_STALE_SECONDS of them.
  return (ctx.every ?? realEvery)(HEARTBEAT_MS, () => void guard.heartbeat().catch(() => undefined));
}

/**
 * Runs `fn` with the container paused. Before the pause, a guard is started ON THE HOST that
 * unpauses it once our heartbeat stops (SIGKILL, a cut link): the pause never depends on this
 * process living. Unpause runs whatever `fn` did; an unpause or guard failure is reported after
 * `fn`'s own error, never instead of it. If the guard fired while `fn` ran (our heartbeats did not
 * reach the host), the window was not one instant and that is an error too.
 */
export async function withGuardedPause<T>(
  m: HostMutations,
  c: { id: string; name: string },
  ctx: RunContext,
  fn: () => Promise<T>,
): Promise<T> {
  const who = `${m.host}/${c.name}`;
  let guard: PauseGuard;
  try {
    guard = await m.guardPause(c.id, { staleSeconds: GUARD_STALE_SECONDS });
  } catch (err) {
    throw new ActionFailed(
      `${who}: not paused, nothing was done — ${messageOf(err)}; fleetdeck pauses a container only with a guard ` +
        `on the host that unpauses it if fleetdeck dies (it needs the docker CLI or curl for the SSH user)`,
    );
  }
  const stopHeartbeat = startHeartbeat(guard, ctx);
  try {
    await m.pause(c.id);
  } catch (err) {
    stopHeartbeat();
    await guard.cancel().catch(() => undefined);
    throw err;
  }
  ctx.progress({ host: m.host, container: c.name, message: `paused (guard on ${m.host}: ${guard.file})` });
  let first: unknown;
  let failed = false;
  let result: T | undefined;
  try {
    result = await fn();
  } catch (err) {
    first = err;
    failed = true;
  }
  stopHeartbeat();
  const after = await unpause(m, c.id, who);
  if (after.unpaused || after.firedGuard) await guard.cancel().catch(() => undefined);
  // Unpause failed: the guard stays, it is what unpauses now.
  if (after.problem !== undefined) {
    if (failed) throw withAlso(first, after.problem);
    throw new ActionFailed(after.problem);
  }
  if (failed) throw first;
  return result as T;
}

async function unpause(
  m: HostMutations,
  id: string,
  who: string,
): Promise<{ unpaused: boolean; firedGuard: boolean; problem?: string }> {
  const state = await m
    .inspect(id)
    .then((d) => d.state)
    .catch(() => 'unknown');
  if (state !== 'paused' && state !== 'unknown') {
    return {
      unpaused: false,
      firedGuard: true,
      problem:
        `${who} was unpaused while fleetdeck still held it (the guard on ${m.host} fired: no heartbeat reached the host ` +
        `for ${GUARD_STALE_SECONDS} s — slow or cut link?): what was copied is not of one instant, the snapshot was discarded — retry`,
    };
  }
  try {
    await m.unpause(id);
    return { unpaused: true, firedGuard: false };
  } catch (err) {
    return {
      unpaused: false,
      firedGuard: false,
      problem: `unpausing ${who} failed: ${messageOf(err)} — the guard on ${m.host} unpauses it within ${PAUSE_BOUND_SECONDS} s; check with \`docker ps\` on ${m.host}`,
    };
  }
}
