/**
 * Where the terminal's key presses go: to Ink (the dashboard), or — while a shell has the
 * terminal — to that shell, whole and in order, and none to Ink. Ink keeps its 'readable'
 * listener and raw mode: it simply reads nothing meanwhile, so nothing has to be re-armed after.
 */
export class InputGate {
  private sink: ((chunk: string | Buffer) => void) | undefined;

  /** Sends every chunk to `sink` until the returned function is called. */
  divert(sink: (chunk: string | Buffer) => void): () => void {
    if (this.sink) throw new Error('the terminal input is already handed over');
    this.sink = sink;
    return () => {
      if (this.sink === sink) this.sink = undefined;
    };
  }

  get diverted(): boolean {
    return this.sink !== undefined;
  }

  /** A chunk read from the terminal: true when it went to the shell (Ink must not see it). */
  forward(chunk: unknown): boolean {
    if (!this.sink || chunk === null) return false;
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) this.sink(chunk);
    return true;
  }
}
