import { containerKey } from '../../domain/container.js';
import type { FleetEvent } from '../../domain/event.js';
import { StopSignalTracker } from '../../domain/health/stop-signal-tracker.js';
import type { FleetStore } from '../store.js';

/**
 * Feeds every host's events (noise included: the tracker needs `kill`) to a StopSignalTracker and
 * mirrors its verdict per container into the store. Pass `observe` as a HostWatcher's `onEvent`.
 */
export class StopSignalFeed {
  constructor(
    private readonly store: FleetStore,
    readonly tracker: StopSignalTracker = new StopSignalTracker(),
  ) {}

  observe = (e: FleetEvent): void => {
    this.tracker.observe(e);
    if (e.type !== 'container') return;
    const ignores = e.action !== 'destroy' && this.tracker.ignoresStopSignal(e.host, e.actorId);
    this.store.setIgnoresStopSignal(containerKey({ host: e.host, id: e.actorId }), ignores);
  };
}
