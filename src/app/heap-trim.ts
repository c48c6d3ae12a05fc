import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection now and then while the dashboard runs. Connecting a large fleet
 * (hundreds of handshakes, thousands of containers parsed) leaves V8's heap several times the size
 * of what stays live, and V8 hands little of it back while the process keeps allocating a bit (an
 * event, a ping): 100 hosts idled at ~195 MB RSS with ~40 MB live. A full collection returns the
 * free pages; at ~40 MB live it costs a few tens of ms a minute. `--expose-gc` from inside, as
 * the command line flag would; where V8 refuses, this does nothing.
 */
export function startHeapTrim(everyMs = 60_000, firstAfterMs = 15_000): () => void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
  const collect = (): void => gc?.();
  const first = setTimeout(collect, firstAfterMs);
  const timer = setInterval(collect, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * Stops V8's young generation from growing past what it has now. Left alone it grows to two
 * 16 MB semi-spaces during the connect burst and keeps them committed for good: at 100 hosts 32 MB
 * of the dashboard's ~160 MB resident, with ~6 MB of it in use. Called at the dashboard's start
 * (a 1–2 MB young generation; scavenges then run more often, each over little: the idle CPU
 * measured the same within noise, RSS 160 → 128 MB). `--max-semi-space-size` would say it
 * directly but is read only at start-up; the growth factor is read each time the space grows.
 */
export function capYoungGeneration(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // not this V8: the young generation keeps its default growth
  }
}
