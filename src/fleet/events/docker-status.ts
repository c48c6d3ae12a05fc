import type { HealthState } from '../../domain/container.js';

/*
 * The list's Status text as dockerd writes it (container/state.go String(), go-units
 * HumanDuration), for a container whose state an event just changed.
 */

/** go-units HumanDuration: "Less than a second", "5 seconds", "About a minute", "3 hours"… */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

function healthSuffix(health: HealthState): string {
  if (health === 'none') return '';
  return health === 'starting' ? ' (health: starting)' : ` (${health})`;
}

/** "Up 3 minutes (healthy)" → "3 minutes": how long a listed container has been up, as listed. */
export function upDuration(status: string): string | undefined {
  return /^Up (.+?)(?: \((?:healthy|unhealthy|health: starting|Paused)\))?$/.exec(status)?.[1];
}

export const runningStatus = (up: string, health: HealthState): string => `Up ${up}${healthSuffix(health)}`;
export const pausedStatus = (up: string): string => `Up ${up} (Paused)`;
export const exitedStatus = (code: number | undefined, ago: string): string =>
  `Exited (${code ?? 0}) ${ago} ago`;
