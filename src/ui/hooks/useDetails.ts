import type { ContainerDetails } from '../../domain/details.js';
import { useEffect, useState } from 'react';

import type { LoadDetails } from '../types.js';
export type { LoadDetails };

export type DetailsState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; details: ContainerDetails }
  | { status: 'error'; message: string };

/**
 * Loads details of one container; reloads when `revision` changes (the store published a change)
 * and ignores answers that arrive after the target changed.
 */
export function useDetails(
  loadDetails: LoadDetails,
  target: { host: string; id: string } | undefined,
  revision: string,
): DetailsState {
  const [state, setState] = useState<DetailsState>({ status: 'idle' });
  const host = target?.host;
  const id = target?.id;
  useEffect(() => {
    if (!host || !id) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState((s) =>
      s.status === 'ok' && s.details.host === host && s.details.id === id ? s : { status: 'loading' },
    );
    loadDetails(host, id).then(
      (details) => {
        if (current) setState({ status: 'ok', details });
      },
      (error: unknown) => {
        if (current) {
          const message = error instanceof Error ? error.message : String(error);
          setState({
            status: 'error',
            message: `${host}: cannot inspect container ${id.slice(0, 12)}: ${message}`,
          });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [loadDetails, host, id, revision]);
  return state;
}
