/** Views the user switches between with Tab (in this order) and `:` commands. */
export const MAIN_VIEWS = ['hosts', 'roles', 'containers', 'events', 'storage'] as const;
export type MainView = (typeof MAIN_VIEWS)[number];
/** A swarm's views: `:nodes`, `:services`, `:tasks SERVICE` (only where the fleet has `swarms:`). */
export type SwarmViewName = 'nodes' | 'services' | 'tasks';
export type ViewName = MainView | SwarmViewName | 'details' | 'help' | 'logs';

export const VIEW_TITLES: Record<ViewName, string> = {
  hosts: 'Hosts',
  roles: 'Roles',
  containers: 'Containers',
  events: 'Events',
  storage: 'Storage',
  details: 'Details',
  help: 'Help',
  logs: 'Logs',
  nodes: 'Swarm nodes',
  services: 'Swarm services',
  tasks: 'Swarm tasks',
};

export function isMainView(view: ViewName): view is MainView {
  return (MAIN_VIEWS as readonly string[]).includes(view);
}
