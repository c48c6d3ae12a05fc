import type { Container } from '../../domain/container.js';
import type { FleetEvent } from '../../domain/event.js';
import { applyEvent, applyEvents, type RelistReason } from './apply-event.js';
import { toContainerEvent, type ContainerEvent } from './container-event.js';
import { EMPTY_HOST, fromList, type HostContainers } from './host-containers.js';

export interface LiveListOptions {
  /** Epoch ms now (the status text's "Up 3 seconds"). */
  now: () => number;
  roleLabel?: string;
  /** Events kept while a list is in flight; past it the answer is re-listed (nothing is lost). */
  maxRecorded?: number;
}

export interface Outcome {
  /** The container list changed: publish `containers`. */
  changed: boolean;
  /** Why the list must be re-read (empty: it is current). */
  relist: Array<{ reason: RelistReason; detail: string }>;
}

const DEFAULT_MAX_RECORDED = 2_000;

/**
 * One host's container list kept current by its events (the watcher holds one). Between a list
 * request and its answer, events are recorded instead of applied, then replayed on top of the
 * answer: the daemon may have built its answer before or after any of them, and replaying a
 * change the answer already shows leaves it as it is (the applier is ordered and idempotent).
 */
export class LiveContainerList {
  private state: HostContainers = EMPTY_HOST;
  /** The state the list in flight started from, and what arrived since. */
  private inFlight?: { base: HostContainers; events: ContainerEvent[]; overflow: boolean };
  private listed = false;

  constructor(private readonly opts: LiveListOptions) {}

  get containers(): readonly Container[] {
    return this.state.containers;
  }

  /** Whether a list answered at least once (before that nothing is shown from events). */
  get hasList(): boolean {
    return this.listed;
  }

  /** A list request starts; a second one while the first is in flight shares its recording. */
  beginList(): void {
    this.inFlight ??= { base: this.state, events: [], overflow: false };
  }

  /** The list request failed: forget what was recorded (the reconnect lists afresh). */
  abortList(): void {
    this.inFlight = undefined;
  }

  /** The answer of the list request: it becomes the truth, then what arrived meanwhile is replayed. */
  endList(containers: readonly Container[]): Outcome {
    const flight = this.inFlight ?? { base: this.state, events: [], overflow: false };
    this.inFlight = undefined;
    this.listed = true;
    const replay = applyEvents(fromList(containers, flight.base), flight.events, this.applyOptions());
    this.state = replay.state;
    const relist = flight.overflow
      ? [{ reason: 'incomplete' as const, detail: 'more events arrived during the list than were kept' }]
      : replay.relist;
    return { changed: true, relist };
  }

  /** One event off the stream: applied now, or recorded while a list is in flight. */
  push(e: FleetEvent): Outcome {
    const ce = toContainerEvent(e, e.timeNano);
    if (this.inFlight) {
      const max = this.opts.maxRecorded ?? DEFAULT_MAX_RECORDED;
      if (this.inFlight.events.length < max) this.inFlight.events.push(ce);
      else this.inFlight.overflow = true;
      return { changed: false, relist: [] };
    }
    const r = applyEvent(this.state, ce, this.applyOptions());
    this.state = r.state;
    if (r.kind === 'relist') return { changed: false, relist: [{ reason: r.reason, detail: r.detail }] };
    return { changed: r.kind === 'applied', relist: [] };
  }

  private applyOptions() {
    return {
      now: this.opts.now(),
      ...(this.opts.roleLabel !== undefined ? { roleLabel: this.opts.roleLabel } : {}),
    };
  }
}
