import { request, type Agent, type ClientRequest, type IncomingMessage } from 'node:http';

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Reads past this are dropped from an error answer's text (its start says what went wrong). */
const ERROR_TEXT_BYTES = 64 * 1024;

interface Exchange {
  req: ClientRequest;
  res: IncomingMessage;
}

function send(agent: Agent, method: string, path: string, body?: unknown): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { Host: 'docker' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const req = request({ agent, method, path, headers }, (res) => resolve({ req, res }));
    req.on('error', reject);
    req.end(payload);
  });
}

function parseBody(text: string): unknown {
  if (!/^\s*[[{"]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One HTTP request over `agent`; the body is parsed as JSON when it looks like JSON. Its deadlines
 * and size cap are the agent's (a ChannelAgent holds every exchange to deadlines.ts).
 */
export async function rawRequest(
  agent: Agent,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  const { req, res } = await send(agent, method, path, body);
  const text = await new Promise<string>((resolve, reject) => {
    // A breach of the exchange's deadline or size cap mid-answer arrives as the request's error.
    req.on('error', reject);
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error(`the answer to ${method} ${path} was cut off`)));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  return { statusCode: res.statusCode ?? 0, headers: res.headers, body: parseBody(text) };
}

/**
 * A GET whose answer is read as a stream (logs): nothing of it is held here. A non-2xx answer
 * rejects with `statusCode` and Docker's message, like dockerode's errors.
 */
export async function rawStream(agent: Agent, path: string): Promise<IncomingMessage> {
  const { req, res } = await send(agent, 'GET', path);
  // Later failures of the exchange reach the reader as the stream's error.
  req.on('error', (err) => res.destroy(err));
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return res;
  const text = await new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size < ERROR_TEXT_BYTES) chunks.push(c);
      size += c.length;
    });
    res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const parsed = parseBody(text.slice(0, ERROR_TEXT_BYTES));
  const message =
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof (parsed as { message?: unknown }).message === 'string'
      ? (parsed as { message: string }).message
      : text.trim().slice(0, 500);
  throw Object.assign(new Error(message || `HTTP ${status}`), { statusCode: status, json: parsed });
}
