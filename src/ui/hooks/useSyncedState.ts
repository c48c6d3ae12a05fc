import { useCallback, useRef, useState } from 'react';

type Update<T> = T | ((previous: T) => T);

/**
 * State whose latest value is readable at once through a ref. Keys typed faster than React renders
 * (a paste, `/` then a pattern) must see the mode and text the previous key just set.
 */
export function useSyncedState<T>(
  initial: T | (() => T),
): [T, (update: Update<T>) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((update: Update<T>) => {
    const next = typeof update === 'function' ? (update as (previous: T) => T)(ref.current) : update;
    ref.current = next;
    setValue(next);
  }, []);
  return [value, set, ref];
}
