import type { FleetSnapshot } from '../../fleet/snapshot.js';
import { serviceNames } from '../presenters/swarm.js';
import type { BindingContext, DashboardEvent, FrameInfo, KeyContext } from './state.js';

/**
 * What a key's answer depends on besides the state, read off the snapshot the key arrived on.
 * Theme names are only listed for Tab (completing `:theme`): reading the catalog costs a directory read.
 */
export function keyContextOf(
  snapshot: FleetSnapshot,
  bindings: BindingContext,
  frame: FrameInfo,
  event: DashboardEvent,
  themeNames: () => readonly string[],
): KeyContext {
  const hosts = snapshot.hosts.map((h) => h.name);
  return {
    bindings,
    frame,
    hosts,
    swarms: (snapshot.swarms?.length ?? 0) > 0,
    completion: {
      roles: [...new Set(snapshot.containers.map((c) => c.role))],
      hosts,
      services: serviceNames(snapshot),
      themes: event.type === 'key' && event.name === 'tab' ? themeNames() : [],
    },
  };
}
