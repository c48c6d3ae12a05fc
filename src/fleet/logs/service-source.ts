import type { DockerHostApi, LogStream, LogStreamOptions } from '../../docker/host-api.js';
import { HostApiError } from '../../docker/host-api.js';
import type { LogLine } from '../../domain/logs/log-line.js';
import { sourceIdOf } from '../../domain/logs/log-line.js';
import { splitServiceAttrs } from '../../domain/logs/service-attrs.js';
import type { ServiceLogRef } from './reader.js';

/** A Swarm service to tail through its swarm's manager; `host` is the swarm's name (the prefix shown). */
export interface ServiceLogSource {
  host: string;
  api: DockerHostApi;
  service: ServiceLogRef;
}

export function openServiceLogs(source: ServiceLogSource, opts: LogStreamOptions): Promise<LogStream> {
  const { api, service } = source;
  if (!api.serviceLogs) {
    return Promise.reject(
      new HostApiError(api.name, {
        code: 'docker-error',
        message: `${api.name}: no Swarm API on this connection — service ${service.name}'s logs cannot be read here`,
      }),
    );
  }
  return api.serviceLogs(service.id, opts);
}

/**
 * The line with its task's attributes taken off and its source named after the task:
 * `SWARM/SERVICE.SLOT@HOSTNAME` (what is known of it; `SWARM/SERVICE` when nothing is).
 */
export function relabelServiceLine(line: LogLine, source: ServiceLogSource): LogLine {
  if (line.kind !== 'line') return line;
  const { attrs, rest } = splitServiceAttrs(line.text);
  const { service } = source;
  const slot = attrs.taskId !== undefined ? service.tasks?.[attrs.taskId] : undefined;
  const task =
    slot !== undefined ? `.${slot}` : attrs.taskId !== undefined ? `.${attrs.taskId.slice(0, 12)}` : '';
  const node = attrs.nodeId !== undefined ? (service.nodes?.[attrs.nodeId] ?? attrs.nodeId.slice(0, 12)) : '';
  return {
    ...line,
    source: sourceIdOf(source.host, `${service.name}${task}${node ? `@${node}` : ''}`),
    text: rest,
  };
}
