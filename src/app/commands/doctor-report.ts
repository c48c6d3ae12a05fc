import { sanitizeLine } from '../../domain/text/sanitize.js';

/** The steps of reaching a host's Docker daemon, in the order they happen. */
export type DoctorStepName =
  | 'resolve'
  | 'tcp'
  | 'proxy-command'
  | 'forward'
  | 'banner'
  | 'host-key'
  | 'auth'
  | 'docker-socket'
  | 'docker-api';

export interface DoctorStep {
  /** `user@host:port` of the server (a jump host or the host), or the host name for Docker steps. */
  server: string;
  role: 'jump' | 'target';
  step: DoctorStepName;
  status: 'ok' | 'failed' | 'not reached';
  detail: string;
  /** What to do, when the step failed. */
  hint?: string;
}

export interface DoctorReport {
  name: string;
  address: string;
  ok: boolean;
  steps: DoctorStep[];
}

export const STEP_TITLE: Record<DoctorStepName, string> = {
  resolve: 'resolve',
  tcp: 'tcp connect',
  'proxy-command': 'ProxyCommand',
  forward: 'jump channel',
  banner: 'ssh version',
  'host-key': 'host key',
  auth: 'login',
  'docker-socket': 'docker socket',
  'docker-api': 'docker api',
};

/** What to do when a step fails (the step's own message says what happened). */
export const STEP_HINT: Record<DoctorStepName, string> = {
  resolve: 'check the host name (the ssh: value, or HostName in ~/.ssh/config) and DNS from this machine',
  tcp: 'check that sshd runs on the host and listens on that port, and that no firewall is in between',
  'proxy-command': 'run the ProxyCommand by hand to see what it says',
  forward: 'the jump host must allow TCP forwarding (AllowTcpForwarding) and reach the next address',
  banner:
    'the port answers but no SSH server speaks: check the port, or whether sshd is overloaded (MaxStartups)',
  'host-key':
    'compare the fingerprint with the host’s own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before recording it',
  auth: 'set identityFile for this host, load the key into ssh-agent (ssh-add), or add its public key to authorized_keys there',
  'docker-socket':
    'check the socket path (socket: in the fleet file), that Docker runs, and that the user may use it',
  'docker-api': 'check the Docker daemon on the host (systemctl status docker, docker info)',
};

const MARK = { ok: 'ok  ', failed: 'FAIL', 'not reached': '--  ' } as const;

/** Plain text, one block per host; every string from a host or file is sanitised. */
export function formatDoctorText(reports: readonly DoctorReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`${sanitizeLine(report.name)}  ${sanitizeLine(report.address)}  ${report.ok ? 'OK' : 'FAILED'}`);
    let previous: DoctorStep | undefined;
    for (const step of report.steps) {
      if (step.role === 'jump' && step.server !== previous?.server)
        out.push(`  via jump host ${sanitizeLine(step.server)}:`);
      // After the jump hosts, the host itself gets its own heading.
      if (step.role === 'target' && previous?.role === 'jump') out.push(`  ${sanitizeLine(step.server)}:`);
      previous = step;
      const title = STEP_TITLE[step.step].padEnd(14);
      out.push(`  ${MARK[step.status]} ${title} ${sanitizeLine(step.detail)}`.trimEnd());
      if (step.hint) out.push(`       ${' '.repeat(14)} → ${sanitizeLine(step.hint)}`);
    }
    out.push('');
  }
  return out.join('\n');
}
