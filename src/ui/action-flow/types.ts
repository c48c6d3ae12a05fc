import type { ActionService } from '../../actions/index.js';

/**
 * What the dashboard needs of the action layer: the ActionService's own signatures, so the live
 * service and a test's fake are interchangeable.
 */
export type FleetActions = Pick<ActionService, 'readOnly' | 'plan' | 'run' | 'interruptedRollouts'>;
