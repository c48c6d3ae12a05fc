export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Random source in [0,1); injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "full jitter"
 * so that many hosts lost at once do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(opts.maxMs, opts.initialMs * opts.factor ** Math.max(0, attempt));
  // Keep at least half the ceiling so retries still back off on average.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
