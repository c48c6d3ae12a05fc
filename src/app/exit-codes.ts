/** Exit statuses are part of the scripting contract: keep them stable. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_SOME_HOSTS_UNREACHABLE = 3;

/** An error whose message is meant for the user as is, with the status to exit with. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
