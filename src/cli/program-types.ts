/** What every command registrar gets besides the program and the io. */

/** Runs the command's work; main awaits it and exits with the status it returns. */
export type Handler = () => Promise<number>;

/** An action stores its handler here (commander's own parse stays synchronous and light). */
export type SetHandler = (h: Handler) => void;

/** The program-wide options, read when a handler runs. */
export type Globals = () => { fleet?: string; context?: string[] };
