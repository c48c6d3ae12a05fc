/*
 * A Swarm service's log line, asked for with `details=1`, starts with its task's attributes:
 * `com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text`
 * (keys sorted, values query-escaped). They name the task and node each line came from.
 */

export interface ServiceLineAttrs {
  nodeId?: string;
  taskId?: string;
}

const PREFIX = 'com.docker.swarm.';

/** The attributes and the rest of the line; a line without them is returned whole. */
export function splitServiceAttrs(text: string): { attrs: ServiceLineAttrs; rest: string } {
  if (!text.startsWith(PREFIX)) return { attrs: {}, rest: text };
  const space = text.indexOf(' ');
  const head = space < 0 ? text : text.slice(0, space);
  const attrs: ServiceLineAttrs = {};
  for (const pair of head.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // a value that is not valid escaping is kept as sent
    }
    if (key === `${PREFIX}node.id`) attrs.nodeId = value;
    else if (key === `${PREFIX}task.id`) attrs.taskId = value;
  }
  return { attrs, rest: space < 0 ? '' : text.slice(space + 1) };
}
