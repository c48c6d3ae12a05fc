/** Fleet-wide images, volumes, networks (their views are named as the kinds). */
export const RESOURCE_VIEWS = ['images', 'volumes', 'networks'] as const;
export type ResourceView = (typeof RESOURCE_VIEWS)[number];

/** Views the user switches between with Tab (in this order) and `:` commands. */
export const MAIN_VIEWS = ['hosts', 'roles', 'containers', 'events', 'storage', ...RESOURCE_VIEWS] as const;
export type MainView = (typeof MAIN_VIEWS)[number];
/** Where one image, volume or network is and what uses it (Enter on its row). */
export const RESOURCE_PLACE_VIEWS = { images: 'image', volumes: 'volume', networks: 'network' } as const;
export type ResourcePlaceView = (typeof RESOURCE_PLACE_VIEWS)[ResourceView];
/** A swarm's views: `:nodes`, `:services`, `:tasks SERVICE` (only where the fleet has `swarms:`). */
export type SwarmViewName = 'nodes' | 'services' | 'tasks';
export type ViewName = MainView | ResourcePlaceView | SwarmViewName | 'details' | 'compare' | 'help' | 'logs';

export const VIEW_TITLES: Record<ViewName, string> = {
  hosts: 'Hosts',
  roles: 'Roles',
  containers: 'Containers',
  events: 'Events',
  storage: 'Storage',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  image: 'Image',
  volume: 'Volume',
  network: 'Network',
  details: 'Details',
  compare: 'Compare',
  help: 'Help',
  logs: 'Logs',
  nodes: 'Swarm nodes',
  services: 'Swarm services',
  tasks: 'Swarm tasks',
};

export function isMainView(view: ViewName): view is MainView {
  return (MAIN_VIEWS as readonly string[]).includes(view);
}

export function isResourceView(view: ViewName): view is ResourceView {
  return (RESOURCE_VIEWS as readonly string[]).includes(view);
}

/** The resource kind a view shows (its list or one row's places), if any. */
export function resourceKindOf(view: ViewName): ResourceView | undefined {
  if (isResourceView(view)) return view;
  return RESOURCE_VIEWS.find((k) => RESOURCE_PLACE_VIEWS[k] === view);
}
