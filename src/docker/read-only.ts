import { HostApiError } from './host-api.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

export function isReadMethod(method: string | undefined): boolean {
  return READ_METHODS.has((method ?? 'GET').toUpperCase());
}

/** Thrown when a read-only gateway is asked to change something; the request never left the process. */
export class ReadOnlyRefusal extends HostApiError {
  constructor(host: string, method: string, path: string) {
    super(host, {
      code: 'docker-error',
      message: `read-only mode: refused ${method.toUpperCase()} ${path} on ${host} — start fleetdeck without read-only to allow changes`,
    });
    this.name = 'ReadOnlyRefusal';
  }
}
