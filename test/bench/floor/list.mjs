/*
 * The bare ssh2 floor: the least any SSH client must do to list every host's containers — one
 * connection per host (host key checked against known_hosts, as fleetdeck does), one
 * `direct-streamlocal` channel to the Docker socket, one `GET /containers/json?all=1`, the JSON
 * parsed. Plain Node + ssh2, run as a whole process by the benches (its time is the process's).
 *
 *   node test/bench/floor/list.mjs INVENTORY.json [--concurrency K] [--hosts N]
 *
 * INVENTORY is a lab's or the scale fleet's inventory.json. --concurrency bounds the handshakes in
 * flight (as fleetdeck's pool does; the list itself is not bounded); default: all at once.
 * Prints one JSON line: { hosts, ok, containers, ms, failures }. Exit 0 when every host answered.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';

const t0 = performance.now();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { concurrency: { type: 'string' }, hosts: { type: 'string' } },
});
const inventory = JSON.parse(readFileSync(positionals[0] ?? '', 'utf8'));
const hosts = inventory.hosts.slice(0, Number(values.hosts ?? inventory.hosts.length));
const limit = Number(values.concurrency ?? hosts.length);
const privateKey = readFileSync(inventory.clientKey);

/** known_hosts: "[127.0.0.1]:PORT type base64" → the key blob per port. */
const knownKeys = new Map();
for (const line of readFileSync(inventory.knownHosts, 'utf8').split('\n')) {
  const [host, , blob] = line.trim().split(/\s+/);
  const m = /^\[127\.0\.0\.1\]:(\d+)$/.exec(host ?? '');
  if (m && blob) knownKeys.set(Number(m[1]), Buffer.from(blob, 'base64'));
}

let active = 0;
/** @type {Array<() => void>} */
const waiting = [];
const acquire = () =>
  active < limit
    ? (active++, Promise.resolve())
    : new Promise((resolve) => waiting.push(() => resolve(undefined)));
const release = () => {
  const next = waiting.shift();
  if (next) next();
  else active--;
};

/** @param {{ port: number }} h @returns {Promise<import('ssh2').Client>} */
function connect(h) {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => {
      // The same socket tuning fleetdeck has (no Nagle), or it would not be a floor.
      c.setNoDelay(true);
      resolve(c);
    })
      .on('error', reject)
      .connect({
        host: '127.0.0.1',
        port: h.port,
        username: 'root',
        privateKey,
        readyTimeout: 60_000,
        hostVerifier: (/** @type {Buffer} */ key) => knownKeys.get(h.port)?.equals(key) ?? false,
      });
  });
}

/** @param {import('ssh2').Client} c @param {string} socket @returns {Promise<number>} containers */
function list(c, socket) {
  return new Promise((resolve, reject) => {
    c.openssh_forwardOutStreamLocal(socket, (err, ch) => {
      if (err) return reject(err);
      /** @type {Buffer[]} */
      const chunks = [];
      ch.on('data', (/** @type {Buffer} */ d) => chunks.push(d));
      ch.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text.indexOf('\r\n\r\n');
        if (!text.startsWith('HTTP/1.0 200') && !text.startsWith('HTTP/1.1 200')) {
          return reject(new Error(text.slice(0, 120)));
        }
        resolve(JSON.parse(text.slice(body + 4)).length);
      });
      ch.end('GET /v1.41/containers/json?all=1 HTTP/1.0\r\nHost: docker\r\n\r\n');
    });
  });
}

/** @type {import('ssh2').Client[]} */
const clients = [];
/** @type {string[]} */
const failures = [];
let containers = 0;
let ok = 0;
await Promise.all(
  hosts.map(async (/** @type {{ name: string, port: number, dockerSocket: string }} */ h) => {
    try {
      await acquire();
      let c;
      try {
        c = await connect(h);
      } finally {
        release();
      }
      clients.push(c);
      const listed = await list(c, h.dockerSocket);
      containers += listed;
      ok++;
    } catch (err) {
      failures.push(`${h.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }),
);
const ms = performance.now() - t0;
for (const c of clients) c.end();
process.stdout.write(
  `${JSON.stringify({ hosts: hosts.length, ok, containers, ms, concurrency: limit, failures: failures.slice(0, 5) })}\n`,
);
process.exit(ok === hosts.length ? 0 : 3);
