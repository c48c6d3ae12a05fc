/**
 * Which container engine answers on a host's socket. Podman's `podman system service` speaks the
 * Docker API, so everything but its name and a few quirks is the same; absent means Docker.
 */
export type EngineKind = 'docker' | 'podman';

const ENGINE_NAMES: Readonly<Record<EngineKind, string>> = { docker: 'Docker', podman: 'Podman' };

export function engineName(kind: EngineKind | undefined): string {
  return ENGINE_NAMES[kind ?? 'docker'];
}

/** `Docker 20.10.24`, `Podman 4.3.1`; `-` when nothing answered yet. */
export function engineLabel(docker: { engine?: EngineKind; serverVersion: string } | undefined): string {
  if (docker === undefined) return '-';
  const name = engineName(docker.engine);
  return docker.serverVersion ? `${name} ${docker.serverVersion}` : name;
}
