/*
 * The scale fleet's Docker daemons: one process, one HTTP server per host on that host's unix
 * socket, each answering from the recorded payloads (see fake-daemon.mjs, docker-api.mjs).
 *
 *   node test/scale/docker-api-server.mjs CONFIG.json
 *
 * CONFIG: { hosts: [{ index, name, socket, rootDir }], containers, eventIntervalMs, readyFile,
 * controlSocket }. The control socket answers `GET /counters`: requests by route, events sent and
 * delivered, event streams open — what the benches read around a run.
 * Writes readyFile once every socket listens; SIGTERM/SIGINT close the servers and remove the sockets.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { apiHandler, counters } from './docker-api.mjs';
import { FakeDaemon } from './fake-daemon.mjs';
import { loadRecording } from './fixtures.mjs';

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const rec = loadRecording();
/** @type {Array<{ socket: string, server: import('node:http').Server, daemon: FakeDaemon }>} */
const running = [];
const n = config.hosts.length;

for (const h of config.hosts) {
  const daemon = new FakeDaemon(rec, {
    index: h.index,
    name: h.name,
    rootDir: h.rootDir,
    containers: config.containers,
    eventIntervalMs: config.eventIntervalMs,
  });
  const server = createServer(apiHandler(daemon));
  // dockerd keeps idle connections open; so do we (fleetdeck's agent decides).
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  rmSync(h.socket, { force: true });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(h.socket, () => resolve(undefined));
  });
  // Spread the hosts' tickers over one interval: a fleet-wide rate of n / interval, evenly.
  daemon.start(Math.round((h.index * config.eventIntervalMs) / n));
  running.push({ socket: h.socket, server, daemon });
}
const control = createServer((req, res) => {
  const body = JSON.stringify({
    ...counters,
    eventsSent: running.reduce((n, r) => n + r.daemon.sent, 0),
    eventStreams: running.reduce((n, r) => n + r.daemon.subscribers.size, 0),
  });
  res.writeHead(req.url === '/counters' ? 200 : 404, { 'Content-Type': 'application/json' }).end(body);
});
rmSync(config.controlSocket, { force: true });
await new Promise((resolve) => control.listen(config.controlSocket, () => resolve(undefined)));
writeFileSync(config.readyFile, `${process.pid}\n`);

const stop = () => {
  for (const r of running) {
    r.daemon.stop();
    r.server.close();
    r.server.closeAllConnections();
    rmSync(r.socket, { force: true });
  }
  rmSync(config.controlSocket, { force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
