import { useEffect, useRef } from 'react';

/** Tells the app which container keys are on screen, only when that set changes. */
export function useVisibleContainers(
  keys: readonly string[],
  onChange: ((keys: string[]) => void) | undefined,
): void {
  const signature = keys.join('\n');
  const last = useRef<string | undefined>(undefined);
  const latestKeys = useRef(keys);
  latestKeys.current = keys;
  useEffect(() => {
    if (!onChange || last.current === signature) return;
    last.current = signature;
    onChange([...latestKeys.current]);
  }, [signature, onChange]);
}
