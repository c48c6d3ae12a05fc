import type { CommandIo } from '../io.js';
import type { ConfigFlags } from '../load-config.js';
import { EXIT_FAILURE } from '../exit-codes.js';

export interface DashboardFlags extends ConfigFlags {
  readOnly?: boolean;
  wallboard?: boolean;
  theme?: string;
  color?: string;
}

export async function runDashboardCommand(_flags: DashboardFlags, io: CommandIo): Promise<number> {
  io.stderr.write('fleetdeck: the dashboard is not wired yet; use `fleetdeck hosts` or `fleetdeck ps`\n');
  return EXIT_FAILURE;
}
