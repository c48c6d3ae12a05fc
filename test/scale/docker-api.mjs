/*
 * The Engine API routes of one fake daemon, answering as the recorded dockerd did (headers, JSON
 * shapes, multiplexed logs, a chunked events stream). Read-only: anything else is a 404.
 */
import {
  FilterError,
  EVENT_FILTER_KEYS,
  LIST_FILTER_KEYS,
  containerMatches,
  parseFilters,
} from './docker-filters.mjs';
import { frame } from './fixtures.mjs';

const MAX_API = '1.41';

/** @param {string} a @param {string} b */
function versionGreater(a, b) {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am > bm : an > bn;
}

/** "1700000000", "1700000000.5" or an RFC 3339 time → ns. @param {string | null} v */
function timeParam(v) {
  if (v === null || v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const [s = '0', frac = ''] = v.split('.');
    return BigInt(s) * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
  }
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : undefined;
}

const truthy = (/** @type {string | null} */ v) => v === '1' || v === 'true' || v === 'True';
const iso = (/** @type {number} */ ms) => (ms > 0 ? new Date(ms).toISOString() : '0001-01-01T00:00:00Z');

/** Requests by route ("GET /containers/{id}/json") across every host, for the benches. */
export const counters = { requests: /** @type {Record<string, number>} */ ({}), eventsDelivered: 0 };

/** @param {string} method @param {string} path */
function route(method, path) {
  const r = path.replace(/^\/containers\/[^/]+\/(json|stats|logs)$/, '/containers/{id}/$1');
  return `${method} ${r}`;
}

/**
 * @param {import('./fake-daemon.mjs').FakeDaemon} d
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function apiHandler(d) {
  const rec = d.rec;
  const base = {
    'Api-Version': rec.ping.headers['api-version'] ?? MAX_API,
    'Docker-Experimental': rec.ping.headers['docker-experimental'] ?? 'false',
    Ostype: rec.ping.headers['ostype'] ?? 'linux',
    Server: rec.ping.headers['server'] ?? 'Docker/20.10 (linux)',
  };
  /** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
  const send = (res, status, body) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      ...base,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(`${text}`);
  };
  const notFound = (/** @type {any} */ res, what = 'page not found') => send(res, 404, { message: what });
  const find = (/** @type {string} */ ref) =>
    d.byId.get(ref) ?? d.containers.find((c) => c.id.startsWith(ref) || c.name === ref.replace(/^\//, ''));

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://docker');
    const m = /^\/v(\d+\.\d+)(\/.*)$/.exec(url.pathname);
    if (m && versionGreater(m[1] ?? '', MAX_API)) {
      return send(res, 400, {
        message: `client version ${m[1]} is too new. Maximum supported API version is ${MAX_API}`,
      });
    }
    const path = m ? (m[2] ?? '/') : url.pathname;
    const q = url.searchParams;
    const key = route(req.method ?? 'GET', path);
    counters.requests[key] = (counters.requests[key] ?? 0) + 1;
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
    try {
      if (path === '/_ping') {
        res.writeHead(200, {
          ...base,
          'Cache-Control': 'no-cache, no-store, must-revalidate',
          Pragma: 'no-cache',
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': 2,
        });
        return res.end(req.method === 'HEAD' ? undefined : 'OK');
      }
      if (path === '/version') return send(res, 200, rec.version);
      if (path === '/info') return send(res, 200, info(d));
      if (path === '/system/df') return send(res, 200, systemDf(d));
      if (path === '/events') return events(d, q, req, res, base);
      if (path === '/containers/json') {
        const filters = parseFilters(q.get('filters'), LIST_FILTER_KEYS);
        const all = truthy(q.get('all'));
        const now = d.now();
        let list = d.containers
          .filter((c) => all || c.state === 'running' || c.state === 'paused')
          .map((c) => d.listEntry(c, now))
          .filter((e) => containerMatches(filters, e, d.healthOf(d.byId.get(e.Id))));
        const limit = Number(q.get('limit') ?? -1);
        if (limit > 0) list = list.slice(0, limit);
        return send(res, 200, list);
      }
      const c = /^\/containers\/([^/]+)\/(json|stats|logs)$/.exec(path);
      if (c) {
        const container = find(decodeURIComponent(c[1] ?? ''));
        if (!container) return notFound(res, `No such container: ${c[1]}`);
        if (c[2] === 'json')
          return send(res, 200, (container.inspectJson ??= JSON.stringify(inspect(d, container))));
        if (c[2] === 'stats') return stats(d, container, q, req, res, base);
        return logs(d, container, q, req, res, base);
      }
      return notFound(res);
    } catch (err) {
      if (err instanceof FilterError) return send(res, 400, { message: err.message });
      throw err;
    }
  };
}

function info(/** @type {any} */ d) {
  const running = d.containers.filter((/** @type {any} */ c) => c.state === 'running').length;
  const paused = d.containers.filter((/** @type {any} */ c) => c.state === 'paused').length;
  return {
    ...d.rec.info,
    ID: d.rec.info.ID ? `FAKE:${d.index}:${d.rec.info.ID}`.slice(0, 64) : d.rec.info.ID,
    Name: d.name,
    DockerRootDir: d.rootDir,
    Containers: d.containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: d.containers.length - running - paused,
    SystemTime: new Date(d.now()).toISOString(),
  };
}

function inspect(/** @type {any} */ d, /** @type {any} */ c) {
  const t = d.rec.inspect[c.template];
  return {
    ...t,
    Id: c.id,
    Name: `/${c.name}`,
    Created: new Date(c.created * 1000).toISOString(),
    State: {
      ...t.State,
      Status: c.state,
      Running: c.state === 'running' || c.state === 'paused',
      Paused: c.state === 'paused',
      Pid: c.state === 'running' ? 10_000 + ((d.index * 97 + c.created) % 50_000) : 0,
      ExitCode: c.exitCode,
      StartedAt: iso(c.startedAt),
      FinishedAt: iso(c.finishedAt),
      ...(t.State.Health ? { Health: { ...t.State.Health, Status: c.health } } : {}),
    },
    Config: { ...t.Config, Hostname: c.name, Labels: c.labels },
  };
}

function systemDf(/** @type {any} */ d) {
  const byName = new Map(d.rec.df.Containers.map((/** @type {any} */ e) => [e.Names[0], e]));
  return {
    ...d.rec.df,
    Containers: d.containers.map((/** @type {any} */ c) => ({
      ...(byName.get(`/${c.template}`) ?? {}),
      ...d.listEntry(c),
    })),
  };
}

function stats(
  /** @type {any} */ d,
  /** @type {any} */ c,
  /** @type {URLSearchParams} */ q,
  /** @type {any} */ req,
  /** @type {any} */ res,
  /** @type {any} */ base,
) {
  const sample = () => {
    const now = d.now();
    const t = c.state === 'running' ? d.rec.stats.running : d.rec.stats.exited;
    if (c.state !== 'running') return { ...t, id: c.id, name: `/${c.name}`, read: iso(now) };
    const cpus = t.cpu_stats.online_cpus ?? 1;
    return {
      ...t,
      id: c.id,
      name: `/${c.name}`,
      read: iso(now),
      cpu_stats: {
        ...t.cpu_stats,
        cpu_usage: { ...t.cpu_stats.cpu_usage, total_usage: Math.round((now - c.startedAt) * c.cpuRate) },
        system_cpu_usage: now * 1_000_000 * cpus,
      },
    };
  };
  const stream = q.get('stream') === null || truthy(q.get('stream'));
  if (!stream)
    return res
      .writeHead(200, { ...base, 'Content-Type': 'application/json' })
      .end(JSON.stringify(sample()) + '\n');
  res.writeHead(200, { ...base, 'Content-Type': 'application/json' });
  const timer = setInterval(() => res.write(JSON.stringify(sample()) + '\n'), 1000);
  res.write(JSON.stringify(sample()) + '\n');
  req.on('close', () => clearInterval(timer));
}

function logs(
  /** @type {any} */ d,
  /** @type {any} */ c,
  /** @type {URLSearchParams} */ q,
  /** @type {any} */ req,
  /** @type {any} */ res,
  /** @type {any} */ base,
) {
  const withTimes = truthy(q.get('timestamps'));
  const want = (/** @type {number} */ stream) =>
    stream === 2 ? truthy(q.get('stderr')) : truthy(q.get('stdout'));
  const text = (/** @type {string} */ line) => {
    const renamed = line.replaceAll('web-1', c.name);
    return withTimes ? renamed : renamed.replace(/^\S+ /, '');
  };
  const tail = q.get('tail');
  const sinceNs = timeParam(q.get('since'));
  let frames = d.rec.logFrames.filter((/** @type {any} */ f) => want(f.stream));
  if (sinceNs !== undefined && sinceNs > 0n) {
    frames = frames.filter(
      (/** @type {any} */ f) => BigInt(Date.parse(f.text.split(' ')[0])) * 1_000_000n >= sinceNs,
    );
  }
  if (tail !== null && tail !== 'all' && Number(tail) >= 0)
    frames = frames.slice(Math.max(0, frames.length - Number(tail)));
  res.writeHead(200, { ...base, 'Content-Type': 'application/vnd.docker.raw-stream' });
  for (const f of frames) res.write(frame(f.stream, text(f.text)));
  if (!truthy(q.get('follow')) || !want(1)) return res.end();
  let n = 0;
  const timer = setInterval(() => {
    n++;
    res.write(frame(1, text(`${iso(d.now())} web-1: GET /items/${n} 200 request=${n}\n`)));
  }, 1000);
  req.on('close', () => clearInterval(timer));
}

function events(
  /** @type {any} */ d,
  /** @type {URLSearchParams} */ q,
  /** @type {any} */ req,
  /** @type {any} */ res,
  /** @type {any} */ base,
) {
  const filters = parseFilters(q.get('filters'), EVENT_FILTER_KEYS);
  const sinceNano = timeParam(q.get('since'));
  const untilNano = timeParam(q.get('until'));
  res.writeHead(200, { ...base, 'Content-Type': 'application/json' });
  res.flushHeaders();
  const send = (/** @type {string} */ json) => {
    counters.eventsDelivered++;
    res.write(`${json}\n`);
  };
  const unsubscribe = d.subscribe({ filters, sinceNano, untilNano, send });
  /** @type {NodeJS.Timeout | undefined} */
  let until;
  if (untilNano !== undefined) {
    const ms = Number(untilNano / 1_000_000n) - d.now();
    until = setTimeout(
      () => {
        unsubscribe();
        res.end();
      },
      Math.max(0, ms),
    );
  }
  req.on('close', () => {
    clearTimeout(until);
    unsubscribe();
  });
}
