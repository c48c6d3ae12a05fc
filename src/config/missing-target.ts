import { DEFAULT_DOCKER_SOCKET } from './docker-endpoint.js';
import { locateFleetFile, type PathContext } from './paths.js';

/**
 * What to tell someone who has neither a fleet file nor a local Docker daemon: what was tried,
 * and the ways forward (write a fleet file, point at one or a context, or — only when running from
 * a checkout of fleetdeck, `checkout` being its root — start the lab).
 */
export function describeMissingTarget(
  opts: PathContext & { socketPath?: string; checkout?: string },
): string {
  const fleetPath = locateFleetFile(opts).path;
  const socketPath = opts.socketPath ?? DEFAULT_DOCKER_SOCKET;
  return [
    'nothing to watch:',
    `  - no fleet file at ${fleetPath}`,
    `  - no Docker socket at ${socketPath}`,
    '',
    `Create ${fleetPath}, for example:`,
    '',
    '    hosts:',
    '      - name: web-a',
    '        ssh: deploy@10.0.0.5        # [user@]host[:port] or an ~/.ssh/config alias',
    '      - name: local',
    '        docker: unix:///var/run/docker.sock',
    '',
    opts.checkout === undefined
      ? 'or pass --fleet FILE, or --context NAME to use a Docker context.'
      : 'or pass --fleet FILE, or --context NAME to use a Docker context,',
    ...(opts.checkout === undefined
      ? []
      : [`or start the local test lab: npm run lab (in ${opts.checkout})`]),
  ].join('\n');
}
