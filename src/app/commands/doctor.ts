import { engineName } from '../../domain/engine.js';
import { existsSync } from 'node:fs';
import type { FleetConfig } from '../../config/index.js';
import { createLocalGateway, createSshGateway, endpointOf } from '../../docker/gateway.js';
import type { DockerHostApi } from '../../docker/host-api.js';
import { hostShell } from '../../docker/host-shell.js';
import { SshDockerSocket } from '../../docker/ssh-socket.js';
import type { LocalHostSpec, SshHostSpec } from '../../domain/host.js';
import type { AuthSources } from '../../ssh/auth.js';
import type { ConnectStep } from '../../ssh/connect.js';
import { endpointLabel } from '../../ssh/endpoint.js';
import { SshError } from '../../ssh/errors.js';
import { SshPool } from '../../ssh/pool.js';
import { Semaphore } from '../../util/semaphore.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { processSshAuth, unlockSshKeys } from '../ssh-auth.js';
import { addressOf } from '../targets.js';
import {
  formatDoctorText,
  STEP_HINT,
  type DoctorReport,
  type DoctorStep,
  type DoctorStepName,
} from './doctor-report.js';

export interface DoctorFlags extends ConfigFlags {
  host?: string;
  json?: boolean;
}

/** Hosts checked at once: each runs its own connection, and the output waits for all anyway. */
const CONCURRENCY = 8;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function failed(
  server: string,
  step: DoctorStepName,
  err: unknown,
  role: DoctorStep['role'] = 'target',
): DoctorStep {
  return { server, role, step, status: 'failed', detail: messageOf(err), hint: STEP_HINT[step] };
}

/** Where a connect failure that no step reported belongs (e.g. "no key" comes before any packet). */
function stepOfError(err: unknown): DoctorStepName {
  if (!(err instanceof SshError)) return 'tcp';
  if (err.code === 'auth-failed') return 'auth';
  if (err.code === 'dns') return 'resolve';
  if (err.code === 'host-key-unknown' || err.code === 'host-key-mismatch') return 'host-key';
  return 'tcp';
}

/** The SSH steps of the host itself, by route (a jump host's are reported as they happen). */
function targetSteps(spec: SshHostSpec): DoctorStepName[] {
  const first: DoctorStepName[] = spec.ssh.proxyCommand
    ? ['proxy-command']
    : spec.ssh.jumpHosts?.length || spec.ssh.proxyJump
      ? ['forward']
      : ['resolve', 'tcp'];
  return [...first, 'banner', 'host-key', 'auth'];
}

/** After a failure: the steps that never ran, so the report shows how far it got. */
function notReached(steps: DoctorStep[], server: string, names: DoctorStepName[], dockerName: string): void {
  for (const step of names) {
    if (!steps.some((s) => s.role === 'target' && s.step === step))
      steps.push({ server, role: 'target', step, status: 'not reached', detail: '' });
  }
  for (const step of ['docker-socket', 'docker-api'] as const)
    steps.push({ server: dockerName, role: 'target', step, status: 'not reached', detail: '' });
}

async function dockerApiStep(name: string, api: DockerHostApi): Promise<DoctorStep> {
  try {
    const ping = await api.ping();
    const version = await api.version().catch(() => undefined);
    const docker = version ? ` (${engineName(version.engine)} ${version.version})` : '';
    return {
      server: name,
      role: 'target',
      step: 'docker-api',
      status: 'ok',
      detail: `API ${ping.apiVersion}${docker}, /_ping answered in ${ping.latencyMs.toFixed(1)} ms`,
    };
  } catch (err) {
    return failed(name, 'docker-api', err);
  }
}

async function checkSshHost(
  spec: SshHostSpec,
  config: FleetConfig,
  auth: AuthSources,
): Promise<DoctorStep[]> {
  const { connect, roleLabel } = config.settings;
  const steps: DoctorStep[] = [];
  const record = (s: ConnectStep): void => {
    steps.push({
      server: s.server,
      role: s.role,
      step: s.step,
      status: s.ok ? 'ok' : 'failed',
      detail: s.detail,
      ...(s.ok ? {} : { hint: STEP_HINT[s.step] }),
    });
  };
  const pool = new SshPool({
    readyTimeoutMs: connect.timeoutSeconds * 1000,
    keepaliveIntervalMs: connect.keepaliveSeconds * 1000,
    authSources: auth,
    warmUpPty: false,
    onStep: record,
  });
  const endpoint = endpointOf(spec);
  const label = endpointLabel(endpoint);
  const api = createSshGateway(spec, pool, { readOnly: true, roleLabel });
  try {
    let connection;
    try {
      connection = await pool.get(endpoint);
    } catch (err) {
      if (!steps.some((s) => s.status === 'failed')) steps.push(failed(label, stepOfError(err), err));
      notReached(steps, label, targetSteps(spec), spec.name);
      return steps;
    }
    try {
      const socket = new SshDockerSocket(spec.socket);
      const channel = await socket.open(
        connection,
        hostShell(connection, { host: spec.name, readOnly: true }),
      );
      channel.destroy();
      const how = socket.usesDialStdio(connection)
        ? `docker system dial-stdio (the server refuses stream-local forwarding) to ${spec.socket}`
        : `direct-streamlocal channel to ${spec.socket}`;
      steps.push({ server: spec.name, role: 'target', step: 'docker-socket', status: 'ok', detail: how });
    } catch (err) {
      steps.push(failed(spec.name, 'docker-socket', err));
      steps.push({
        server: spec.name,
        role: 'target',
        step: 'docker-api',
        status: 'not reached',
        detail: '',
      });
      return steps;
    }
    steps.push(await dockerApiStep(spec.name, api));
    return steps;
  } finally {
    await api.close().catch(() => undefined);
    await pool.close();
  }
}

async function checkLocalHost(spec: LocalHostSpec, config: FleetConfig): Promise<DoctorStep[]> {
  const server = spec.name;
  if (!existsSync(spec.socketPath)) {
    return [
      failed(
        server,
        'docker-socket',
        new Error(`${spec.socketPath} does not exist — is Docker running here?`),
      ),
      { server, role: 'target', step: 'docker-api', status: 'not reached', detail: '' },
    ];
  }
  const api = createLocalGateway(spec, { readOnly: true, roleLabel: config.settings.roleLabel });
  try {
    return [
      {
        server,
        role: 'target',
        step: 'docker-socket',
        status: 'ok',
        detail: `local socket ${spec.socketPath}`,
      },
      await dockerApiStep(server, api),
    ];
  } finally {
    await api.close().catch(() => undefined);
  }
}

/**
 * `fleetdeck doctor`: for each host, each step of reaching its Docker daemon — resolve, TCP,
 * SSH version, host key, login (through every jump host or the ProxyCommand), the Docker socket
 * (stream-local or dial-stdio) and the API version — with what to do where a step fails.
 * Exit 0 when every host is fine, 3 when some host is not.
 */
export async function doctorCommand(flags: DoctorFlags, io: CommandIo): Promise<number> {
  const config = await loadConfig(flags, io.env);
  const hosts = flags.host ? config.hosts.filter((h) => h.name === flags.host) : config.hosts;
  if (hosts.length === 0) {
    const known = config.hosts.map((h) => h.name).join(', ') || 'none';
    throw new UserError(`no host named "${flags.host}" in the fleet (hosts: ${known})`, EXIT_BAD_INPUT);
  }
  const auth = processSshAuth();
  await unlockSshKeys({ ...config, hosts }, auth);
  const semaphore = new Semaphore(CONCURRENCY);
  const reports = await Promise.all(
    hosts.map((spec) =>
      semaphore.run(async (): Promise<DoctorReport> => {
        const steps =
          spec.kind === 'ssh' ? await checkSshHost(spec, config, auth) : await checkLocalHost(spec, config);
        return {
          name: spec.name,
          address: addressOf(spec),
          ok: steps.every((s) => s.status === 'ok'),
          steps,
        };
      }),
    ),
  );
  io.stdout.write(flags.json ? `${JSON.stringify(reports, null, 2)}\n` : formatDoctorText(reports));
  return reports.every((r) => r.ok) ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
}
