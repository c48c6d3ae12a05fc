import { COMMAND_BINDING, FILTER_BINDING } from '../../dashboard/common-bindings.js';
import { pageFrame, type ViewModule } from '../view-module.js';
import { storageLines } from './lines.js';
import { presentStorage } from './present.js';

export const storageView: ViewModule = {
  name: 'storage',
  bindings: [FILTER_BINDING, COMMAND_BINDING],
  frame({ snapshot, now, filter, state, width, theme }) {
    const lines = storageLines(
      presentStorage(snapshot.hosts, snapshot.storage, now, filter, snapshot.vitals),
      width,
      theme,
    );
    const title = state.filters.storage ? [`/${state.filters.storage}/`] : [];
    return pageFrame(lines, [...title, `${snapshot.hosts.length} hosts`]);
  },
};
