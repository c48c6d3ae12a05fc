/*
 * The recorded payloads (test/fixtures/docker-api/, off a real lab dockerd) and the per-host
 * container set the scale fleet builds from them: N containers per host, each a copy of one of the
 * recorded role containers (web, worker, cron, healthy, failed, …) with its own id and name.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/docker-api/', import.meta.url));

/** @param {string} file */
const load = (file, dir = FIXTURES_DIR) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

export function loadRecording(dir = FIXTURES_DIR) {
  const list = load('containers.json', dir);
  const inspect = load('inspect.json', dir);
  const logs = load('logs.json', dir);
  return {
    ping: load('ping.json', dir),
    version: load('version.json', dir),
    info: load('info.json', dir),
    list,
    inspect,
    stats: load('stats.json', dir),
    df: load('system-df.json', dir),
    events: load('events.json', dir),
    logFrames: splitFrames(Buffer.from(logs.base64, 'base64')),
  };
}

/**
 * Multiplexed log frames: [stream, 0, 0, 0, length (u32 BE)] + payload.
 * @param {Buffer} buf
 * @returns {Array<{ stream: number, text: string }>}
 */
export function splitFrames(buf) {
  const frames = [];
  for (let at = 0; at + 8 <= buf.length;) {
    const size = buf.readUInt32BE(at + 4);
    frames.push({ stream: buf[at] ?? 1, text: buf.subarray(at + 8, at + 8 + size).toString('utf8') });
    at += 8 + size;
  }
  return frames;
}

/** @param {number} stream @param {string} text */
export function frame(stream, text) {
  const payload = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** @param {string} seed */
export const hexId = (seed) => createHash('sha256').update(seed).digest('hex');

const bare = (/** @type {string} */ name) => name.replace(/^\//, '').replace(/-\d+$/, '');

/**
 * @typedef {object} FakeContainer
 * @property {string} id
 * @property {string} name
 * @property {string} template recorded container this one copies
 * @property {string} image
 * @property {Record<string, string>} labels
 * @property {'created'|'running'|'paused'|'exited'|'dead'} state
 * @property {number} startedAt epoch ms
 * @property {number} finishedAt epoch ms (0: never)
 * @property {number} exitCode
 * @property {'starting'|'healthy'|'unhealthy'|undefined} health only for containers with a health check
 * @property {number} created epoch s
 * @property {number} cpuRate ns of CPU per ms of wall time (the stats' counters grow by it)
 * @property {string | undefined} inspectJson cached, dropped on every change
 */

/**
 * Builds host `index`'s containers: the recorded ones in turn, renamed `<role>-<n>`.
 * @param {ReturnType<typeof loadRecording>} rec
 * @param {string} hostName
 * @param {number} count
 * @param {number} now epoch ms
 * @returns {FakeContainer[]}
 */
export function buildContainers(rec, hostName, count, now) {
  const templates = rec.list.map((/** @type {{ Names: string[] }} */ c) => c.Names[0].replace(/^\//, ''));
  /** @type {FakeContainer[]} */
  const out = [];
  for (let j = 0; j < count; j++) {
    const template = templates[j % templates.length];
    const listed = rec.list[j % templates.length];
    const inspect = rec.inspect[template];
    const labels = { ...listed.Labels, 'lab.host': hostName };
    const exited = listed.State === 'exited';
    const startedAt = now - 3_600_000 - ((j * 7919) % 86_400_000);
    out.push({
      id: hexId(`${hostName}/${j}`),
      name: `${bare(template)}-${j + 1}`,
      template,
      image: listed.Image,
      labels,
      state: exited ? 'exited' : 'running',
      startedAt,
      finishedAt: exited ? startedAt + 1000 : 0,
      exitCode: exited ? (inspect.State.ExitCode ?? 1) : 0,
      health: inspect.State.Health ? 'healthy' : undefined,
      created: Math.floor(startedAt / 1000) - 60,
      cpuRate: 1000 + ((j * 104729) % 40_000),
      inspectJson: undefined,
    });
  }
  return out;
}

/**
 * go-units HumanDuration, as dockerd prints "Up …" and "Exited (0) … ago". fleetdeck has its own
 * (src/fleet/events/docker-status.ts): this fake models dockerd and must not lean on the code it tests.
 * @param {number} ms
 */
export function humanDuration(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** dockerd's State.String(): the list's Status. @param {FakeContainer} c @param {number} now */
export function statusText(c, now) {
  if (c.state === 'running' || c.state === 'paused') {
    const up = humanDuration(now - c.startedAt);
    if (c.state === 'paused') return `Up ${up} (Paused)`;
    if (c.health) return `Up ${up} (${c.health === 'starting' ? 'health: starting' : c.health})`;
    return `Up ${up}`;
  }
  if (c.state === 'dead') return 'Dead';
  if (c.state === 'created') return 'Created';
  return `Exited (${c.exitCode}) ${humanDuration(now - c.finishedAt)} ago`;
}
