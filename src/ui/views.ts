/** Views the user switches between with Tab (in this order) and `:` commands. */
export const MAIN_VIEWS = ['hosts', 'roles', 'containers', 'events', 'storage'] as const;
export type MainView = (typeof MAIN_VIEWS)[number];
export type ViewName = MainView | 'details' | 'compare' | 'help' | 'logs';

export const VIEW_TITLES: Record<ViewName, string> = {
  hosts: 'Hosts',
  roles: 'Roles',
  containers: 'Containers',
  events: 'Events',
  storage: 'Storage',
  details: 'Details',
  compare: 'Compare',
  help: 'Help',
  logs: 'Logs',
};

export function isMainView(view: ViewName): view is MainView {
  return (MAIN_VIEWS as readonly string[]).includes(view);
}
