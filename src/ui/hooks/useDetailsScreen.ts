import type { Container } from '../../domain/container.js';
import type { ReadRecentLogs } from '../../fleet/logs/reader.js';
import type { DashboardState, DetailsTarget } from '../dashboard/state.js';
import type { LoadDetails } from '../types.js';
import { RECENT_LOG_LINES } from '../views/details/present-logs.js';
import { useDetails, type DetailsState } from './useDetails.js';
import { useRecentLogs, type RecentLogsState } from './useRecentLogs.js';

export interface DetailsScreenData {
  /** The container in details (also the left side of a comparison). */
  details: DetailsState;
  recentLogs: RecentLogsState;
  /** The replica it is compared with (`c`). */
  peerDetails: DetailsState;
}

function find(containers: readonly Container[], t: DetailsTarget | undefined): Container | undefined {
  return t && containers.find((c) => c.host === t.host && c.id === t.id);
}

/** What changes when a container restarts or stops: its details are read again then. */
function revisionOf(c: Container | undefined): string {
  return c ? `${c.state}|${c.status}` : 'gone';
}

/** Everything the details and compare screens read from the daemons, read only while they show. */
export function useDetailsScreen(
  io: { loadDetails: LoadDetails; readRecentLogs?: ReadRecentLogs | undefined },
  state: Pick<DashboardState, 'view' | 'details' | 'compare'>,
  containers: readonly Container[],
): DetailsScreenData {
  const inDetails = state.view === 'details';
  const comparing = state.view === 'compare';
  const shown = find(containers, state.details);
  const other = find(containers, state.compare);
  const details = useDetails(
    io.loadDetails,
    inDetails || comparing ? state.details : undefined,
    revisionOf(shown),
  );
  const recentLogs = useRecentLogs(
    io.readRecentLogs,
    inDetails ? shown : undefined,
    RECENT_LOG_LINES,
    revisionOf(shown),
  );
  const peer = useDetails(io.loadDetails, comparing ? state.compare : undefined, revisionOf(other));
  return { details, recentLogs, peerDetails: peer };
}
