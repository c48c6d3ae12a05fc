import type { AppProps } from '../app-props.js';
import type { Clock } from '../clock.js';

/** The App's props for the interactive dashboard (no wallboard ones), with a clock always given. */
export type DashboardProps = Omit<AppProps, 'wallboard' | 'alerts' | 'wallboardPageMs' | 'clock'> & {
  clock: Clock;
};
