import type { ViewName } from '../views.js';
import { containersView } from './containers/index.js';
import { compareView } from './details/compare.js';
import { detailsView } from './details/index.js';
import { eventsView } from './events/index.js';
import { helpView } from './help/index.js';
import { hostsView } from './hosts/index.js';
import { logsView } from './logs/index.js';
import { nodesView } from './nodes/index.js';
import { servicesView } from './services/index.js';
import { tasksView } from './tasks/index.js';
import { rolesView } from './roles/index.js';
import { storageView } from './storage/index.js';
import { imagesView } from './images/index.js';
import { imageView } from './images/where.js';
import { volumesView } from './volumes/index.js';
import { volumeView } from './volumes/where.js';
import { networksView } from './networks/index.js';
import { networkView } from './networks/where.js';
import type { ViewModule } from './view-module.js';

/** Every dashboard view, by name: adding a view is its folder and one line here. */
export const VIEWS: Readonly<Record<ViewName, ViewModule>> = {
  hosts: hostsView,
  roles: rolesView,
  containers: containersView,
  events: eventsView,
  storage: storageView,
  images: imagesView,
  volumes: volumesView,
  networks: networksView,
  image: imageView,
  volume: volumeView,
  network: networkView,
  details: detailsView,
  compare: compareView,
  help: helpView,
  logs: logsView,
  nodes: nodesView,
  services: servicesView,
  tasks: tasksView,
};
