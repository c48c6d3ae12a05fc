/**
 * How long the Docker daemon may take, per request. Every request through the transport gets a
 * policy from this table (first matching rule wins), enforced on its socket by exchange-guard.ts.
 *
 * - a **call** must start answering within `answerMs` of our last byte sent, be complete within
 *   `completeMs` of its first byte, and stay under `maxBytes`;
 * - a **stream** (events, followed logs, attach, exec, image save…) must start answering within
 *   `answerMs` (Docker sends the headers at once); after that it may be silent for as long as it likes.
 */
export type ExchangeKind = 'call' | 'stream';

export interface ExchangePolicy {
  kind: ExchangeKind;
  answerMs: number;
  completeMs: number;
  maxBytes: number;
}

export interface DeadlineSettings {
  /** First byte of an answer to a read (GET/HEAD), and of a stream's headers. */
  readAnswerMs: number;
  /** A whole read answer once it has started. */
  readCompleteMs: number;
  /** Reads that walk the whole daemon (`/system/df`). */
  slowReadMs: number;
  /** First byte of an answer to a change (POST/PUT/DELETE). */
  changeAnswerMs: number;
  /** Changes that may take long by nature (commit, image load/pull, archive upload, stop without t). */
  longChangeMs: number;
  /** Bytes of one answer that is read into memory (a call). */
  maxAnswerBytes: number;
}

export const DEFAULT_DEADLINES: DeadlineSettings = {
  readAnswerMs: 10_000,
  readCompleteMs: 30_000,
  slowReadMs: 120_000,
  changeAnswerMs: 60_000,
  longChangeMs: 10 * 60_000,
  maxAnswerBytes: 16 * 1024 * 1024,
};

type Duration = (d: DeadlineSettings, query: URLSearchParams) => number;

interface Rule {
  methods: readonly string[];
  path: RegExp;
  kind: ExchangeKind | ((query: URLSearchParams) => ExchangeKind);
  answer: Duration;
  complete?: Duration;
}

const GET = ['GET', 'HEAD'];
const POST = ['POST'];
const truthy = (v: string | null): boolean => v === '1' || v === 'true';
const read: Duration = (d) => d.readAnswerMs;
const change: Duration = (d) => d.changeAnswerMs;
const long: Duration = (d) => d.longChangeMs;
/** stop/restart answer once the container is down: its stop timeout, plus time to kill and clean up. */
const stopTimeout: Duration = (d, q) => {
  const t = Number(q.get('t'));
  return q.has('t') && Number.isFinite(t) && t >= 0 ? t * 1000 + d.changeAnswerMs : d.longChangeMs;
};

const RULES: readonly Rule[] = [
  { methods: GET, path: /^\/events$/, kind: 'stream', answer: read },
  {
    methods: GET,
    path: /^\/(?:containers|services)\/[^/]+\/logs$/,
    // A followed log, or a whole one, is read as a stream; a bounded tail is a call.
    kind: (q) => (truthy(q.get('follow')) || !/^\d+$/.test(q.get('tail') ?? '') ? 'stream' : 'call'),
    answer: read,
  },
  {
    methods: GET,
    path: /^\/containers\/[^/]+\/stats$/,
    kind: (q) => (q.get('stream') === 'false' || q.get('stream') === '0' ? 'call' : 'stream'),
    answer: read,
  },
  {
    methods: GET,
    path: /^\/system\/df$/,
    kind: 'call',
    answer: (d) => d.slowReadMs,
    complete: (d) => d.slowReadMs,
  },
  {
    methods: GET,
    path: /^\/(images\/[^/]+\/get|images\/get|containers\/[^/]+\/(export|archive))$/,
    kind: 'stream',
    answer: read,
  },
  { methods: [...GET, ...POST], path: /^\/containers\/[^/]+\/attach$/, kind: 'stream', answer: change },
  { methods: POST, path: /^\/exec\/[^/]+\/start$/, kind: 'stream', answer: change },
  // Docker sends the headers of /wait at once and the body when the container exits.
  { methods: POST, path: /^\/containers\/[^/]+\/wait$/, kind: 'stream', answer: change },
  { methods: POST, path: /^\/(images\/create|images\/load|build)$/, kind: 'stream', answer: long },
  { methods: POST, path: /^\/containers\/[^/]+\/(stop|restart)$/, kind: 'call', answer: stopTimeout },
  { methods: POST, path: /^\/commit$/, kind: 'call', answer: long, complete: long },
  { methods: ['PUT'], path: /^\/containers\/[^/]+\/archive$/, kind: 'call', answer: long },
];

/** The policy of one request; `rawPath` as sent (`/v1.41/containers/json?all=1`). */
export function exchangePolicy(
  method: string,
  rawPath: string,
  deadlines: DeadlineSettings = DEFAULT_DEADLINES,
): ExchangePolicy {
  const m = method.toUpperCase();
  const { path, query } = splitPath(rawPath);
  const isRead = GET.includes(m);
  const rule = RULES.find((r) => r.methods.includes(m) && r.path.test(path));
  const kind = rule ? (typeof rule.kind === 'function' ? rule.kind(query) : rule.kind) : 'call';
  const answerMs = rule
    ? rule.answer(deadlines, query)
    : isRead
      ? deadlines.readAnswerMs
      : deadlines.changeAnswerMs;
  const completeMs =
    rule?.complete?.(deadlines, query) ?? (isRead ? deadlines.readCompleteMs : deadlines.changeAnswerMs);
  return { kind, answerMs, completeMs, maxBytes: deadlines.maxAnswerBytes };
}

/** `METHOD /path` without the API version prefix or query, for messages. */
export function requestLabel(method: string, rawPath: string): string {
  return `${method.toUpperCase()} ${splitPath(rawPath).path}`;
}

function splitPath(rawPath: string): { path: string; query: URLSearchParams } {
  const q = rawPath.indexOf('?');
  const bare = (q >= 0 ? rawPath.slice(0, q) : rawPath).replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
  return { path: bare || '/', query: new URLSearchParams(q >= 0 ? rawPath.slice(q + 1) : '') };
}
