/*
 * The daemon-side filter of fleetdeck's /events subscription, as data: `GET /events?filters=…`
 * with `JSON.stringify(EVENT_FILTERS)`. The daemon then sends only what the dashboard uses, so
 * health-check chatter (exec_create/exec_start/exec_die every interval on every checked container)
 * and the per-start volume mount / network connect pairs never cross the SSH link.
 *
 * What is in, and why:
 * - container lifecycle: it changes the container list (state, status, health, name, exit code);
 *   `kill` changes nothing in the list but the stop-signal tracker needs it (SIGTERM → SIGKILL);
 *   `oom` is shown in the Events view and the wallboard's alerts.
 * - image pull/load/import/tag/untag/delete/prune: a moved or removed tag changes the list's Image
 *   column (dockerd then shows the image ID for containers on the old image), and images are
 *   what a redeploy ships; shown in the Events view.
 * - volume and network create/destroy/prune: rare, shown in the Events view. Their mount/unmount and
 *   connect/disconnect fire on every container start and stop and are left out.
 * - daemon reload: labels, the default runtime and more may change; the host's info is re-read.
 *
 * How dockerd matches it (daemon/events/filter.go, 20.10 … 27): a message passes when its type is
 * one of `type` AND its action one of `event`, the two lists being independent (a flat product, not
 * per type pairs). Once `event` holds `health_status` (actions are "health_status: healthy"), every
 * `event` value matches as a prefix, not exactly. Both are checked in the tests against this list.
 */

/** Container actions that change what the list or a tracker shows. */
export const CONTAINER_ACTIONS = [
  'create',
  'start',
  'restart',
  'die',
  'stop',
  'kill',
  'oom',
  'pause',
  'unpause',
  'rename',
  'destroy',
  // dockerd sends "health_status: healthy|unhealthy|starting"; the bare word matches them all.
  'health_status',
] as const;

export const IMAGE_ACTIONS = ['pull', 'load', 'import', 'tag', 'untag', 'delete', 'prune'] as const;
export const VOLUME_NETWORK_ACTIONS = ['create', 'destroy', 'prune'] as const;
export const DAEMON_ACTIONS = ['reload'] as const;

export const EVENT_TYPES = ['container', 'image', 'volume', 'network', 'daemon'] as const;

export interface EventFilters {
  readonly type: readonly string[];
  readonly event: readonly string[];
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The `filters` query parameter of the events subscription (JSON-encode it). */
export const EVENT_FILTERS: EventFilters = Object.freeze({
  type: Object.freeze([...EVENT_TYPES]),
  event: Object.freeze(
    unique([...CONTAINER_ACTIONS, ...IMAGE_ACTIONS, ...VOLUME_NETWORK_ACTIONS, ...DAEMON_ACTIONS]),
  ),
});

/** The query string value: `/events?since=…&filters=${encodeURIComponent(eventFiltersParam())}`. */
export function eventFiltersParam(filters: EventFilters = EVENT_FILTERS): string {
  return JSON.stringify({ type: filters.type, event: filters.event });
}
