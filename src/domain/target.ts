import type { Container } from './container.js';

/*
 * What a command or a key press acts on, as data. The dashboard builds one from the row it is on
 * (it knows the host and the id); the CLI parses its TARGET argument into one, once, at its edge.
 * The action and log layers take it as is: nothing downstream parses a target string again.
 */

/** One container: `host/name`, or from the dashboard with its id (then nothing needs listing). */
export interface ContainerTarget {
  kind: 'container';
  host: string;
  /** Name without Docker's leading `/`, or an id prefix typed on the command line. */
  name: string;
  id?: string;
}

/** The containers a target grammar can name: `host/name`, `role:R`, `host:H`, or a bare name. */
export type ContainerSetTarget =
  | ContainerTarget
  | { kind: 'role'; role: string }
  | { kind: 'host'; host: string }
  | { kind: 'name'; name: string };

/** An image (snapshot ship and delete act on an image, not a container). */
export interface ImageTarget {
  kind: 'image';
  ref: string;
}

/** A Swarm service or node, as the dashboard's swarm views name them (the swarm when known). */
export type SwarmTarget =
  { kind: 'service'; swarm?: string; service: string } | { kind: 'node'; swarm?: string; node: string };

export type ActionTarget = ContainerSetTarget | ImageTarget | SwarmTarget;

/** Parses `host/name`, `role:web`, `host:web-a` or a bare name (or id prefix). */
export function parseTarget(text: string): ContainerSetTarget | { error: string } {
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

/** The target as the operator types it, for plans, prompts and messages: the inverse of parseTarget. */
export function targetText(t: ActionTarget): string {
  switch (t.kind) {
    case 'container':
      return `${t.host}/${t.name.replace(/^\//, '')}`;
    case 'role':
      return `role:${t.role}`;
    case 'host':
      return `host:${t.host}`;
    case 'name':
      return t.name;
    case 'image':
      return t.ref;
    case 'service':
      return `service:${t.swarm ? `${t.swarm}/` : ''}${t.service}`;
    case 'node':
      return `node:${t.node}`;
  }
}

export type TargetResolution = { ok: true; containers: Container[] } | { ok: false; error: string };

/**
 * The containers a target names, in the given order. A plain name matches that container on every
 * host (replicas of one name across hosts are acted on / tailed together); it also matches an id
 * prefix. A container target with an id matches that id only.
 */
export function resolveTarget(
  target: ContainerSetTarget,
  containers: readonly Container[],
): TargetResolution {
  const bare = (n: string): string => n.replace(/^\//, '');
  let found: Container[];
  switch (target.kind) {
    case 'role':
      found = containers.filter((c) => c.role === target.role);
      break;
    case 'host':
      found = containers.filter((c) => c.host === target.host);
      break;
    case 'container': {
      const { id } = target;
      found = containers.filter(
        (c) =>
          c.host === target.host &&
          (id !== undefined ? c.id === id : bare(c.name) === target.name || c.id.startsWith(target.name)),
      );
      break;
    }
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
    return { ok: false, error: `no container matches "${targetText(target)}" — ${hintFor(target)}` };
  return { ok: true, containers: found };
}

function hintFor(target: ContainerSetTarget): string {
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
