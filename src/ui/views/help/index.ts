import { COMMAND_BINDING } from '../../dashboard/common-bindings.js';
import { pageFrame, type ViewModule } from '../view-module.js';
import { helpLines } from './lines.js';

export const helpView: ViewModule = {
  name: 'help',
  bindings: [COMMAND_BINDING],
  frame: ({ state, bindings, activeBindings, width, theme }) =>
    pageFrame(helpLines(state.helpFor, activeBindings(state.helpFor), bindings, width, theme)),
};
