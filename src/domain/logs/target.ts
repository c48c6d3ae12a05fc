import type { Container } from '../container.js';

export type LogTarget =
  | { kind: 'role'; role: string }
  | { kind: 'host'; host: string }
  | { kind: 'container'; host: string; name: string }
  | { kind: 'name'; name: string };

export function parseLogTarget(text: string): LogTarget | { error: string } {
  const t = text.trim();
  if (t === '')
    return { error: 'empty log target — use host/name, role:ROLE, host:HOST or a container name' };
  if (t.startsWith('role:')) {
    const role = t.slice(5);
    return role ? { kind: 'role', role } : { error: `"${t}": role name missing — e.g. role:web` };
  }
  if (t.startsWith('host:')) {
    const host = t.slice(5);
    return host ? { kind: 'host', host } : { error: `"${t}": host name missing — e.g. host:web-a` };
  }
  const slash = t.indexOf('/');
  if (slash > 0 && slash < t.length - 1)
    return { kind: 'container', host: t.slice(0, slash), name: t.slice(slash + 1) };
  if (slash !== -1) return { error: `"${t}": expected host/name, e.g. web-a/api-1` };
  return { kind: 'name', name: t };
}

export type TargetResolution = { ok: true; containers: Container[] } | { ok: false; error: string };

/**
 * The containers a target names, in the given order. A plain name matches that container on every
 * host (replicas of one name across hosts are tailed together); it also matches an id prefix.
 */
export function resolveLogTarget(text: string, containers: readonly Container[]): TargetResolution {
  const target = parseLogTarget(text);
  if ('error' in target) return { ok: false, error: target.error };
  const bare = (n: string): string => n.replace(/^\//, '');
  let found: Container[];
  switch (target.kind) {
    case 'role':
      found = containers.filter((c) => c.role === target.role);
      break;
    case 'host':
      found = containers.filter((c) => c.host === target.host);
      break;
    case 'container':
      found = containers.filter(
        (c) => c.host === target.host && (bare(c.name) === target.name || c.id.startsWith(target.name)),
      );
      break;
    case 'name': {
      const byName = containers.filter((c) => bare(c.name) === target.name);
      found =
        byName.length > 0
          ? byName
          : target.name.length >= 4
            ? containers.filter((c) => c.id.startsWith(target.name))
            : [];
      break;
    }
  }
  if (found.length === 0)
    return { ok: false, error: `no container matches "${text.trim()}" — ${hintFor(target)}` };
  return { ok: true, containers: found };
}

function hintFor(target: LogTarget): string {
  switch (target.kind) {
    case 'role':
      return 'check the role label or the container names (roles come from the label, compose service, or name without -N)';
    case 'host':
      return 'check the host name in the fleet file and that the host is reachable';
    case 'container':
      return `check that ${target.host} is reachable and runs a container named ${target.name}`;
    case 'name':
      return 'use host/name, role:ROLE or host:HOST, or check the name with `fleetdeck ps`';
  }
}
