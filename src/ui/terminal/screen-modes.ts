/** The terminal modes the dashboard switches (alternate screen, cursor), shared by mount and shell handoff. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
export const HIDE_CURSOR = '\x1b[?25l';
/** Plain style, so that a shell does not start in the colours of the last painted cell. */
export const RESET_STYLE = '\x1b[0m';
