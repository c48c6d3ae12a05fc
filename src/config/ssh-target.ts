/** What a fleet file's `ssh:` value (or a context's ssh:// URL) says; unset parts come from ssh config. */
export interface SshTarget {
  /** Host name, address, or an alias from ~/.ssh/config. IPv6 without brackets. */
  host: string;
  user?: string;
  port?: number;
}

export const SSH_TARGET_FORMAT = '[user@]host[:port]';

const HOST_CHARS = /^[A-Za-z0-9._%+-]+$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?$/;

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * Parses `[user@]host[:port]`. IPv6 literals take the `[::1]:2222` form when a port is given;
 * a bare `::1` (more than one colon, no brackets) is read as an address without a port.
 * Returns undefined for anything OpenSSH would not accept as a destination.
 */
export function parseSshTarget(text: string): SshTarget | undefined {
  const at = text.lastIndexOf('@');
  const user = at >= 0 ? text.slice(0, at) : undefined;
  if (user !== undefined && (user === '' || /[\s@]/.test(user))) return undefined;
  const rest = at >= 0 ? text.slice(at + 1) : text;

  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return undefined;
      portText = after.slice(1);
    }
    if (!IPV6_CHARS.test(host) || !host.includes(':')) return undefined;
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    host = rest;
    if (!IPV6_CHARS.test(host)) return undefined;
  } else {
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    portText = colon >= 0 ? rest.slice(colon + 1) : undefined;
    // A leading '-' would be read by ssh as an option.
    if (!HOST_CHARS.test(host) || host.startsWith('-')) return undefined;
  }

  const target: SshTarget = { host };
  if (user !== undefined) target.user = user;
  if (portText !== undefined) {
    const port = parsePort(portText);
    if (port === undefined) return undefined;
    target.port = port;
  }
  return target;
}

/** `user@host:port`, bracketing IPv6 so the result parses back with parseSshTarget. */
export function formatSshTarget(target: { host: string; user?: string; port?: number }): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const user = target.user ? `${target.user}@` : '';
  const port = target.port !== undefined ? `:${target.port}` : '';
  return `${user}${host}${port}`;
}
