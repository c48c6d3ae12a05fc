import { HostApiError } from './host-api.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

export function isReadMethod(method: string | undefined): boolean {
  return READ_METHODS.has((method ?? 'GET').toUpperCase());
}

/** Thrown when a read-only gateway is asked to change something; the request never left the process. */
export class ReadOnlyRefusal extends HostApiError {
  constructor(host: string, method: string, path: string, refused = `${method.toUpperCase()} ${path}`) {
    super(host, {
      code: 'docker-error',
      message: `read-only mode: refused ${refused} on ${host} — start fleetdeck without read-only to allow changes`,
    });
    this.name = 'ReadOnlyRefusal';
  }

  /** A host command that is not one of fleetdeck's own reads (see read-only-commands.ts). */
  static forCommand(host: string, command: string): ReadOnlyRefusal {
    const shown = command.length > 120 ? `${command.slice(0, 117)}…` : command;
    return new ReadOnlyRefusal(host, 'EXEC', command, `the command \`${shown}\``);
  }
}
