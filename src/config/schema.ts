import { z } from 'zod';
import { RolesSchema } from './role-settings.js';
import { parseSpan } from '../domain/events/history.js';
import { parseSshTarget, SSH_TARGET_FORMAT } from './ssh-target.js';

/*
 * The fleet file, as written by people. Every object is strict: an unknown key is an error,
 * because a misspelt key silently ignored is a setting silently not applied.
 * Defaults live here so the parsed result is complete; `~` is expanded later (it needs homedir).
 */

const HostKeyPolicySchema = z.enum(['strict', 'accept-new', 'off'], {
  error: (issue) => `expected "strict", "accept-new" or "off", got ${JSON.stringify(issue.input)}`,
});

const nonEmpty = (what: string) => z.string({ error: `expected ${what}` }).min(1, `expected ${what}`);

/** Host names show in the UI, the audit log and journal file names: no '/', no spaces. */
const HostNameSchema = z
  .string({ error: 'expected a host name' })
  .regex(/^[^\s/]{1,64}$/, 'expected a name of 1–64 characters without spaces or "/"');

const SshValueSchema = z
  .string({ error: `expected "${SSH_TARGET_FORMAT}"` })
  .refine((text) => parseSshTarget(text) !== undefined, {
    error: (issue) =>
      `expected "${SSH_TARGET_FORMAT}" or an alias from ~/.ssh/config, got ${JSON.stringify(issue.input)}`,
  });

/** ProxyJump: `[user@]host[:port]`, a comma list of hops, or `none` (direct, whatever ~/.ssh/config says). */
const ProxyJumpSchema = z
  .string({ error: `expected "${SSH_TARGET_FORMAT}[,…]" or "none"` })
  .refine(
    (text) => text === 'none' || text.split(',').every((hop) => parseSshTarget(hop.trim()) !== undefined),
    {
      error: (issue) =>
        `expected "${SSH_TARGET_FORMAT}", a comma-separated list of them, or "none", got ${JSON.stringify(issue.input)}`,
    },
  );

const DockerValueSchema = z
  .string({ error: 'expected "unix:///path/to/docker.sock"' })
  .superRefine((text, ctx) => {
    if (/^unix:\/\/\/./.test(text)) return;
    const message = /^(tcp|https?):\/\//.test(text)
      ? `${text}: tcp:// endpoints are not supported yet — reach the host with ssh: instead`
      : /^ssh:\/\//.test(text)
        ? `${text}: write ssh hosts as ssh: ${SSH_TARGET_FORMAT}, not docker: ssh://`
        : `expected "unix:///path/to/docker.sock", got ${JSON.stringify(text)}`;
    ctx.addIssue({ code: 'custom', message });
  });

const hostFields = {
  /** Unique display name. */
  name: HostNameSchema,
  /** `[user@]host[:port]` or an alias from ~/.ssh/config. Exactly one of ssh / docker. */
  ssh: SshValueSchema.optional(),
  /** `unix:///path` of a local daemon, reached without SSH. Exactly one of ssh / docker. */
  docker: DockerValueSchema.optional(),
  /** Private key file(s); when set they replace the IdentityFiles of ~/.ssh/config. */
  identityFile: z
    .union([nonEmpty('a path'), z.array(nonEmpty('a path')).min(1, 'expected at least one path')], {
      error: 'expected a path or a list of paths',
    })
    .optional(),
  /** Remote Docker socket path. */
  socket: nonEmpty('an absolute socket path')
    .refine((p) => p.startsWith('/'), 'expected an absolute socket path')
    .default('/var/run/docker.sock'),
  /** Free-form group shown in the UI (e.g. prod, staging). */
  group: nonEmpty('a group name').optional(),
  /** Overrides the global hostKeyPolicy for this host. */
  hostKeyPolicy: HostKeyPolicySchema.optional(),
  /**
   * Jump host(s) `[user@]host[:port][,…]` (OpenSSH ProxyJump), each resolved through
   * ~/.ssh/config; `none` connects directly. Wins over ProxyJump/ProxyCommand from ssh config.
   */
  proxyJump: ProxyJumpSchema.optional(),
};

interface HostLike {
  ssh?: string;
  docker?: string;
  identityFile?: unknown;
  hostKeyPolicy?: unknown;
  proxyJump?: unknown;
}

/** Exactly one of ssh:/docker:, and no ssh-only keys on a docker: entry (hosts and managers alike). */
function checkEndpoint(host: HostLike, ctx: z.RefinementCtx): void {
  if (host.ssh === undefined && host.docker === undefined) {
    ctx.addIssue({ code: 'custom', message: 'needs one of ssh: or docker:', path: [] });
  }
  if (host.ssh !== undefined && host.docker !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'has both ssh: and docker: — keep exactly one',
      path: ['docker'],
    });
  }
  if (host.docker !== undefined) {
    for (const key of ['identityFile', 'hostKeyPolicy', 'proxyJump'] as const) {
      if (host[key] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `applies only to ssh: hosts`, path: [key] });
      }
    }
  }
}

export const HostEntrySchema = z.strictObject(hostFields).superRefine(checkEndpoint);

/**
 * A Swarm manager, written like a host entry; its name is optional (default `SWARM-manager-N`)
 * because an operator thinks of it as "the second manager of prod", not as a host of its own.
 */
const SwarmManagerSchema = z
  .strictObject({ ...hostFields, name: HostNameSchema.optional() })
  .superRefine(checkEndpoint);

/** A Swarm cluster read through its managers (one reachable manager at a time, the leader preferred). */
const SwarmEntrySchema = z.strictObject({
  /** Shown as the group of the swarm's nodes; also the prefix of its managers' default names. */
  name: HostNameSchema,
  managers: z
    .array(SwarmManagerSchema, { error: 'expected a list of managers' })
    .min(1, 'expected at least one manager'),
});

const ConnectSchema = z.strictObject({
  /**
   * How many hosts connect at once, fixed (SSH handshakes are CPU-heavy on both ends). Unset, the
   * bound adapts: 64 at first, +1 per handshake, halved on timeouts (ssh/start-limiter).
   */
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Give up on a connection attempt (each jump host alike) after this long. Default 10, or ConnectTimeout. */
  timeoutSeconds: z.number().positive().max(600).optional(),
  /** SSH keepalive interval; 0 turns keepalives off. Default 15, or ServerAliveInterval. */
  keepaliveSeconds: z.number().min(0).max(3600).optional(),
});

/** Snapshot defaults: commands run inside the container around the commit, and retention. */
const SnapshotDefaultsSchema = z.strictObject({
  /** Run inside before the commit (e.g. flush and lock a database) for an application-consistent snapshot. */
  pre: nonEmpty('a command').optional(),
  /** Run inside after the commit (e.g. unlock). */
  post: nonEmpty('a command').optional(),
  /** After a snapshot, keep only the last N snapshots of that container. */
  keep: z.number().int().min(1).optional(),
});

/** Fleet-wide snapshot defaults, and per role; a container's labels and the command's flags win. */
const SnapshotsSchema = SnapshotDefaultsSchema.extend({
  roles: z.record(z.string(), SnapshotDefaultsSchema).default({}),
});

const StorageSchema = z
  .strictObject({
    /** Disk/thin-pool use at which a host turns "warning". */
    warnPercent: z.number().min(1).max(100).default(80),
    /** Disk/thin-pool use at which a host turns "critical". */
    critPercent: z.number().min(1).max(100).default(90),
  })
  .refine((s) => s.warnPercent < s.critPercent, {
    error: 'warnPercent must be below critPercent',
    path: ['warnPercent'],
  });

export const FleetFileSchema = z.strictObject({
  /** `ssh -F FILE`: this ssh_config instead of ~/.ssh/config and /etc/ssh/ssh_config. */
  sshConfig: nonEmpty('a path').optional(),
  /** Host keys are verified against (and recorded in) this file; unset: UserKnownHostsFile of ssh config. */
  knownHostsFile: nonEmpty('a path').optional(),
  /**
   * strict: unknown host keys are refused; accept-new: recorded on first sight, verified after;
   * off: recorded without asking, with a warning. Unset: StrictHostKeyChecking of ssh config.
   */
  hostKeyPolicy: HostKeyPolicySchema.optional(),
  /** Container label naming its role. */
  roleLabel: nonEmpty('a label name').default('role'),
  connect: ConnectSchema.prefault({}),
  storage: StorageSchema.prefault({}),
  snapshots: SnapshotsSchema.prefault({}),
  /** Per role (the role label's value): `shell:` for `e` in the dashboard. */
  roles: RolesSchema,
  /**
   * How far back the dashboard reads each daemon's event history at start (`15m`, `1h30m`, `0`:
   * none); `--events-since` wins. Unset: 15 minutes.
   */
  eventsSince: z
    .preprocess(
      (v) => (typeof v === 'number' ? String(v) : v),
      z.string({ error: 'expected a span like 15m, 1h30m or 0' }),
    )
    .refine((text) => parseSpan(text) !== undefined, {
      error: (issue) => `expected a span like 15m, 1h30m or 0, got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  /** Name of a theme in themes/ (theme/ checks that it exists). */
  theme: nonEmpty('a theme name').default('dark'),
  /** May be empty when hosts come from --context. */
  hosts: z.array(HostEntrySchema, { error: 'expected a list of hosts' }).default([]),
  /** Swarm clusters: their nodes and services come from a manager, not from one SSH per node. */
  swarms: z.array(SwarmEntrySchema, { error: 'expected a list of swarms' }).default([]),
});

export type HostEntry = z.output<typeof HostEntrySchema>;
export type SwarmManagerEntry = z.output<typeof SwarmManagerSchema>;
export type SwarmEntry = z.output<typeof SwarmEntrySchema>;
export type FleetFile = z.output<typeof FleetFileSchema>;
