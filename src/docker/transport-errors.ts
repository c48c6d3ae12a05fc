/** What the transport itself can say went wrong with one exchange; errors.ts words them for people. */

/** The daemon accepted the request but sent nothing back (or stopped mid-answer) in time. */
export class DaemonSilentError extends Error {
  constructor(
    /** `GET /containers/json`. */
    readonly request: string,
    readonly waitedMs: number,
    /** Before the first byte of the answer, or in the middle of it. */
    readonly phase: 'answer' | 'body',
  ) {
    super(
      phase === 'answer'
        ? `no answer to ${request} within ${waitedMs} ms`
        : `the answer to ${request} did not complete within ${waitedMs} ms`,
    );
    this.name = 'DaemonSilentError';
  }
}

/** An answer (or one object of a stream) larger than fleetdeck reads into memory. */
export class AnswerTooLargeError extends Error {
  constructor(
    readonly request: string,
    readonly limitBytes: number,
    /** `answer` for a whole body, `object` for one JSON object of a stream. */
    readonly unit: 'answer' | 'object',
  ) {
    super(`${unit === 'answer' ? 'the answer' : 'one object'} of ${request} passed ${limitBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}
