import { useSyncExternalStore } from 'react';

type Update<T> = T | ((previous: T) => T);

/**
 * A value that changes synchronously and tells its readers. This is the UI's one answer to "keys
 * arrive faster than React renders" (a paste, `/` then a pattern, tmux send-keys): every key reads
 * what the previous key just wrote, and React renders from the same store.
 */
export interface Store<T> {
  get(): T;
  set(update: Update<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(update) {
      const next = typeof update === 'function' ? (update as (previous: T) => T)(value) : update;
      if (Object.is(next, value)) return;
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Renders from a store. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
