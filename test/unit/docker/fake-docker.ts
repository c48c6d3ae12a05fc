import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeDocker {
  socketPath: string;
  /** `METHOD path` of every request that reached the daemon. */
  requests: string[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A tiny HTTP server on a unix socket that answers like dockerd for the routes given. */
export async function startFakeDocker(apiVersion: string, routes: Route[]): Promise<FakeDocker> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-ssh-unit-'));
  const socketPath = join(dir, 'docker.sock');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader('Api-Version', apiVersion);
    // dockerd answers an unversioned path at its own version: so do the routes here.
    if (req.url && req.url !== '/_ping' && !/^\/v\d+\.\d+\//.test(req.url))
      req.url = `/v${apiVersion}${req.url}`;
    if (req.url === '/_ping') {
      res.end('OK');
      return;
    }
    for (const route of routes) if (route(req, res)) return;
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ message: `no such route ${req.url}` }));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function json(pathPrefix: string, body: unknown): Route {
  return (req, res) => {
    if (!req.url?.startsWith(pathPrefix)) return false;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
    return true;
  };
}
