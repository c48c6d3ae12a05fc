/** At most `perHost` tasks at once on any one host; tasks on other hosts are not held up. */
export class HostLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly perHost: number) {
    if (!(perHost >= 1)) throw new Error(`per-host concurrency must be at least 1, not ${perHost}`);
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private acquire(host: string): Promise<void> {
    const n = this.running.get(host) ?? 0;
    if (n < this.perHost) {
      this.running.set(host, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const q = this.waiting.get(host) ?? [];
      q.push(resolve);
      this.waiting.set(host, q);
    });
  }

  private release(host: string): void {
    const next = this.waiting.get(host)?.shift();
    if (next)
      next(); // the slot passes straight to the next task
    else this.running.set(host, (this.running.get(host) ?? 1) - 1);
  }
}
