export const DEFAULT_ROLE_LABEL = 'role';
const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
const REPLICA_SUFFIX = /^(.+?)[-_]\d+$/;

/**
 * The role a container plays: the configured label, else its compose service,
 * else its name without a `-N` replica suffix, else its name.
 */
export function roleOf(
  name: string,
  labels: Readonly<Record<string, string>>,
  roleLabel = DEFAULT_ROLE_LABEL,
): string {
  const fromLabel = labels[roleLabel];
  if (fromLabel) return fromLabel;
  const service = labels[COMPOSE_SERVICE_LABEL];
  if (service) return service;
  const bare = name.replace(/^\//, '');
  const m = REPLICA_SUFFIX.exec(bare);
  return m?.[1] ?? bare;
}
