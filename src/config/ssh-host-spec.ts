import type { HostKeyPolicy, SshHostSpec, SshServerSpec } from '../domain/host.js';
import type { HostDraft } from './host-draft.js';
import type { FleetSettings } from './settings.js';
import { describeHops, type SshConfigResolver } from './ssh/resolve-ssh.js';

type SshDraft = Extract<HostDraft, { kind: 'ssh' }>;

/**
 * What the fleet file says wins over ~/.ssh/config, key by key: knownHostsFile replaces
 * UserKnownHostsFile, hostKeyPolicy replaces StrictHostKeyChecking (a host's own over the
 * fleet-wide one), connect.timeoutSeconds / keepaliveSeconds replace ConnectTimeout /
 * ServerAliveInterval (the pool applies them). Returns a copy.
 */
function withFleetValues(
  server: SshServerSpec,
  settings: FleetSettings,
  hostPolicy?: HostKeyPolicy,
): SshServerSpec {
  const { setInFile } = settings;
  const copy: SshServerSpec = { ...server, identityFiles: [...server.identityFiles] };
  const keys = server.hostKeys ?? {
    userKnownHostsFiles: [settings.knownHostsFile],
    globalKnownHostsFiles: [],
    policy: settings.hostKeyPolicy,
  };
  copy.hostKeys = {
    ...keys,
    userKnownHostsFiles: setInFile.knownHostsFile ? [settings.knownHostsFile] : [...keys.userKnownHostsFiles],
    globalKnownHostsFiles: [...keys.globalKnownHostsFiles],
    policy: hostPolicy ?? (setInFile.hostKeyPolicy ? settings.hostKeyPolicy : keys.policy),
  };
  if (setInFile.timeoutSeconds) delete copy.connectTimeoutMs;
  if (setInFile.keepaliveSeconds) {
    delete copy.keepaliveIntervalMs;
    delete copy.keepaliveCountMax;
  }
  return copy;
}

function policyWarning(servers: readonly SshServerSpec[], draft: SshDraft): string | undefined {
  const off = servers.filter((s) => s.hostKeys?.policy === 'off');
  if (off.length === 0) return undefined;
  const source =
    draft.hostKeyPolicy === 'off' ? 'hostKeyPolicy: off in the fleet file' : 'StrictHostKeyChecking no';
  const names = off.map((s) => `${s.host}:${s.port}`).join(', ');
  return `host key checking is OFF for ${names} (${source}): any new host key is trusted without a check — use accept-new or strict`;
}

/** One fleet entry (or context) as a host spec: ssh config resolved, fleet-file values on top. */
export async function sshHostSpecOf(
  draft: SshDraft,
  settings: FleetSettings,
  resolver: SshConfigResolver,
): Promise<SshHostSpec> {
  const resolved = await resolver.resolve(draft.target);
  const { alias, jumpHosts, proxyJump: _display, proxyCommand, ...server } = resolved;
  const target = withFleetValues(server, settings, draft.hostKeyPolicy);
  if (draft.identityFiles) {
    target.identityFiles = draft.identityFiles;
    delete target.defaultIdentityFiles;
  }
  const ssh: SshHostSpec['ssh'] = { ...target, alias };
  let hops: SshServerSpec[] = [];
  if (draft.proxyJump === 'none') {
    // Direct, whatever ssh config says.
  } else if (draft.proxyJump) {
    hops = await resolver.resolveHops(draft.proxyJump);
  } else if (proxyCommand) {
    ssh.proxyCommand = proxyCommand;
  } else if (jumpHosts) {
    hops = jumpHosts;
  }
  if (hops.length > 0) {
    ssh.jumpHosts = hops.map((hop) => withFleetValues(hop, settings));
    ssh.proxyJump = describeHops(ssh.jumpHosts);
  }
  const keys = target.hostKeys;
  const warning = policyWarning([target, ...(ssh.jumpHosts ?? [])], draft);
  return {
    kind: 'ssh',
    name: draft.name,
    ...(draft.group !== undefined ? { group: draft.group } : {}),
    ssh,
    socket: draft.socket,
    knownHostsFile: keys?.userKnownHostsFiles[0] ?? settings.knownHostsFile,
    hostKeyPolicy: keys?.policy ?? settings.hostKeyPolicy,
    ...(warning ? { warning } : {}),
  };
}
