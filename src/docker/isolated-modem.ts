import Modem from 'docker-modem';
import type { Agent } from 'node:http';

/**
 * Every field docker-modem's `dial()` and `buildRequest()` read, as dockerode's constructor would
 * set them for a plain HTTP connection through `agent`.
 */
interface ModemFields {
  socketPath: string;
  host: undefined;
  port: undefined;
  pathPrefix: undefined;
  username: undefined;
  password: undefined;
  version: string;
  key: undefined;
  cert: undefined;
  ca: undefined;
  timeout: undefined;
  connectionTimeout: undefined;
  checkServerIdentity: undefined;
  agent: Agent;
  headers: Record<string, string>;
  sshOptions: Record<string, never>;
  protocol: 'http';
}

/**
 * A docker-modem that talks only through `agent`, whatever the environment says.
 *
 * docker-modem's constructor merges its own defaults from process.env under the options it is
 * given: `DOCKER_HOST` (host, port, and `ssh://` → its own ssh2 client replacing our agent, without
 * host-key checks or our read-only guard), `DOCKER_TLS_VERIFY` (https), `DOCKER_CERT_PATH` (reads
 * cert files, throwing when they are missing), `DOCKER_CLIENT_TIMEOUT`, `DOCKER_PATH_PREFIX`,
 * `SSH_AUTH_SOCK`. So the constructor is never run: the modem is made from its prototype with an
 * explicit value for every field, and handed to dockerode (`new Dockerode({ modem })` uses it as is).
 * (`DOCKER_CONTEXT` is read by neither dockerode nor docker-modem.)
 */
export function isolatedModem(opts: { agent: Agent; version: string; socketPath: string }): Modem {
  const fields: ModemFields = {
    // Only keys the agent's bookkeeping: the agent opens the real stream.
    socketPath: opts.socketPath,
    host: undefined,
    port: undefined,
    pathPrefix: undefined,
    username: undefined,
    password: undefined,
    version: opts.version,
    key: undefined,
    cert: undefined,
    ca: undefined,
    timeout: undefined,
    connectionTimeout: undefined,
    checkServerIdentity: undefined,
    agent: opts.agent,
    headers: {},
    sshOptions: {},
    protocol: 'http',
  };
  return Object.assign(Object.create(Modem.prototype) as Modem, fields);
}
