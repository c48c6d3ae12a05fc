export class ActionCancelled extends Error {
  constructor(message = 'cancelled by the operator') {
    super(message);
    this.name = 'ActionCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ActionCancelled();
}

/** Resolves after `ms`, or rejects with ActionCancelled as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ActionCancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ActionCancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
