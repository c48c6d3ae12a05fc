import { useState } from 'react';
import { createStore, useStore } from './store.js';

type Update<T> = T | ((previous: T) => T);

/**
 * State whose latest value is readable at once (through the ref), kept in a Store: keys typed
 * faster than React renders must see the mode and text the previous key just set.
 */
export function useSyncedState<T>(
  initial: T | (() => T),
): [T, (update: Update<T>) => void, { readonly current: T }] {
  const [parts] = useState(() => {
    const store = createStore(typeof initial === 'function' ? (initial as () => T)() : initial);
    const ref = {
      get current(): T {
        return store.get();
      },
    };
    return { store, ref };
  });
  const value = useStore(parts.store);
  return [value, parts.store.set, parts.ref];
}
