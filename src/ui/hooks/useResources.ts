import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResourceKind } from '../../domain/resources/types.js';
import type { ResourceListing, ResourceRows } from '../../fleet/resources/collect.js';
import type { Clock } from '../clock.js';
import type { ActionPlan } from '../../actions/index.js';
import type { LoadResources } from '../types.js';
import { resourceKindOf, type ViewName } from '../views.js';

/** A resource view reads its hosts again this often while it is shown (a low rate: each read lists every host). */
export const RESOURCE_REFRESH_MS = 60_000;

/** The last read of one kind: kept while the next one is under way, so rows do not blink. */
export interface ResourceLoad<Row> {
  loading: boolean;
  listing?: ResourceListing<Row> | undefined;
  /** Epoch ms of the read that gave `listing`. */
  loadedAt?: number | undefined;
  /** The last read failed as a whole (not one host: those are in `listing.unreachable`). */
  error?: string | undefined;
}

export type ResourceLoads = { readonly [K in ResourceKind]: ResourceLoad<ResourceRows[K]> };

const IDLE: ResourceLoads = {
  images: { loading: false },
  volumes: { loading: false },
  networks: { loading: false },
};

export interface ResourcesControl {
  /** Undefined without a loader: the views say the resources are not available here. */
  loads: ResourceLoads | undefined;
  /** Reads `kind` again now (the `r` key). */
  refresh(kind: ResourceKind): void;
  /** After an action ran: what a prune removed leaves the view it was started from, read it again. */
  afterAction(plan: ActionPlan): void;
}

/**
 * Reads the kind of the view shown when it is entered, then every RESOURCE_REFRESH_MS while it
 * stays shown, and on `refresh`. Nothing is read for a view that is not shown; an answer that
 * comes after a newer read started is dropped.
 */
export function useResources(
  load: LoadResources | undefined,
  view: ViewName,
  clock: Clock,
): ResourcesControl {
  const active = resourceKindOf(view);
  const [loads, setLoads] = useState<ResourceLoads>(IDLE);
  const [asked, setAsked] = useState(0);
  const generation = useRef<Record<ResourceKind, number>>({ images: 0, volumes: 0, networks: 0 });

  useEffect(() => {
    if (!load || !active) return;
    const kind = active;
    const read = (): void => {
      const gen = ++generation.current[kind];
      const set = (next: (l: ResourceLoad<ResourceRows[typeof kind]>) => ResourceLoad<unknown>): void =>
        setLoads((all) => ({ ...all, [kind]: next(all[kind]) }));
      set((l) => ({ ...l, loading: true }));
      load(kind).then(
        (listing) => {
          if (generation.current[kind] === gen)
            set(() => ({ loading: false, listing, loadedAt: clock.now() }));
        },
        (err: unknown) => {
          if (generation.current[kind] === gen)
            set((l) => ({ ...l, loading: false, error: err instanceof Error ? err.message : String(err) }));
        },
      );
    };
    read();
    return clock.every(RESOURCE_REFRESH_MS, read);
  }, [load, active, clock, asked]);

  const refresh = useCallback(
    (kind: ResourceKind) => {
      if (kind === active) setAsked((n) => n + 1);
    },
    [active],
  );
  const afterAction = useCallback(
    (plan: ActionPlan) => {
      if (plan.kind === 'prune' && plan.what !== 'containers') refresh(plan.what);
    },
    [refresh],
  );
  return { loads: load ? loads : undefined, refresh, afterAction };
}
