import { describe, expect, it } from 'vitest';
import { waitReady } from '../../../src/actions/wait-ready.js';
import type { EngineKind } from '../../../src/domain/engine.js';
import { details, FakeMutations } from './fake-mutations.js';

/** A health check that never reports (Podman without systemd timers): health stays `starting`. */
class NeverChecked extends FakeMutations {
  readonly engine?: () => Promise<EngineKind>;
  constructor(host: string, kind: EngineKind | undefined) {
    super(host, [details(host, 'web-1', { health: 'starting' })]);
    if (kind !== undefined) this.engine = () => Promise.resolve(kind);
  }
}

function clockedOptions() {
  let t = 0;
  return {
    timeoutSeconds: 60,
    runningSeconds: 5,
    now: () => t,
    sleep: (ms: number) => ((t += ms), Promise.resolve()),
  };
}

describe('waitReady on a health check that never ran', () => {
  it('on Podman, says why: its health checks run from systemd timers', async () => {
    const r = await waitReady(new NeverChecked('pod-1', 'podman'), 'web-1', clockedOptions());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^pod-1\/web-1 did not become healthy within 60 s \(health: starting\) — /);
    expect(r.reason).toContain('Podman on pod-1 runs health checks from systemd timers');
  });

  it('on Docker (or unknown), says only that it never reported', async () => {
    for (const kind of ['docker', undefined] as const) {
      const r = await waitReady(new NeverChecked('d-1', kind), 'web-1', clockedOptions());
      expect(r.ok ? '' : r.reason).toBe(
        'd-1/web-1 did not become healthy within 60 s (health: starting) — its health check has not reported once',
      );
    }
  });
});
