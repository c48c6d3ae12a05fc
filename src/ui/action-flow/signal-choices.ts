import { normaliseSignal } from '../../domain/signals.js';

/** Signals an operator commonly sends by hand (reload, log rotation, dumps, stop, kill). */
export const COMMON_SIGNALS: readonly string[] = [
  'SIGTERM',
  'SIGHUP',
  'SIGUSR1',
  'SIGUSR2',
  'SIGINT',
  'SIGQUIT',
  'SIGWINCH',
  'SIGKILL',
];

/** The menu for one container: its own stop signal first (the default), then the common ones. */
export function signalChoices(stopSignal: string): string[] {
  const own = normaliseSignal(stopSignal) ?? stopSignal;
  return [own, ...COMMON_SIGNALS.filter((s) => s !== own)];
}
