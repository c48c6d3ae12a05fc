/**
 * The create body for a container "like this one, with another image": what `docker inspect` says
 * the operator configured, minus what the old image supplied (so the new image's defaults apply),
 * minus what identifies the old container (id-derived hostname, MAC address).
 */

export interface CloneSourceConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Image?: string;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  StopSignal?: string;
  StopTimeout?: number;
  Healthcheck?: unknown;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  MacAddress?: string;
  [key: string]: unknown;
}

export interface CloneSource {
  Id?: string;
  Name?: string;
  Config?: CloneSourceConfig;
  HostConfig?: Record<string, unknown> & {
    Binds?: string[] | null;
    Mounts?: Array<{ Target?: string }> | null;
    NetworkMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
  };
  Mounts?: Array<{ Type?: string; Name?: string; Destination?: string; RW?: boolean }> | null;
  NetworkSettings?: {
    Networks?: Record<
      string,
      { Aliases?: string[] | null; IPAMConfig?: unknown; Links?: string[] | null }
    > | null;
  };
}

export interface ImageConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  Healthcheck?: unknown;
  StopSignal?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
}

export interface CloneBody {
  name: string;
  body: Record<string, unknown>;
  /** Networks beyond the first, connected after create (older APIs accept one at create). */
  extraNetworks: Array<{ name: string; aliases: string[] }>;
}

export interface CloneRequest {
  image: string;
  name: string;
  labels?: Readonly<Record<string, string>>;
  cmd?: string[];
  entrypoint?: string[];
  noRestart?: boolean;
  extraBinds?: string[];
  /** Destination → volume name: what was mounted there (bind or volume) becomes that volume. */
  replaceMounts?: Readonly<Record<string, string>>;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function withoutInherited<T>(value: T | undefined, fromImage: T | undefined): T | undefined {
  return sameJson(value, fromImage) ? undefined : value;
}

/** Modes whose network is not the container's own: no endpoint config at all. */
function sharesNetwork(mode: string | undefined): boolean {
  return (
    mode === undefined || mode === '' || mode === 'none' || mode === 'host' || mode.startsWith('container:')
  );
}

export function cloneSpec(src: CloneSource, oldImage: ImageConfig, req: CloneRequest): CloneBody {
  const cfg = src.Config ?? {};
  const id = src.Id ?? '';
  const imageEnv = new Set(oldImage.Env ?? []);
  const env = (cfg.Env ?? []).filter((e) => !imageEnv.has(e));
  const imageLabels = oldImage.Labels ?? {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg.Labels ?? {})) if (imageLabels[k] !== v) labels[k] = v;
  Object.assign(labels, req.labels ?? {});

  const hostConfig: Record<string, unknown> = { ...(src.HostConfig ?? {}) };
  // Anonymous volumes (image VOLUME, `-v /path`) are kept by name, as compose does on recreate.
  const configured = new Set<string>([
    ...(src.HostConfig?.Binds ?? []).map((b) => b.split(':')[1] ?? ''),
    ...(src.HostConfig?.Mounts ?? []).map((m) => m.Target ?? ''),
  ]);
  const keptAnonymous = (src.Mounts ?? [])
    .filter((m) => m.Type === 'volume' && m.Name && m.Destination && !configured.has(m.Destination))
    .map((m) => `${m.Name}:${m.Destination}${m.RW === false ? ':ro' : ''}`);
  const replace = req.replaceMounts ?? {};
  const replaced = (b: string): string => {
    const [, dest = '', mode] = b.split(':');
    const vol = replace[dest];
    return vol === undefined ? b : `${vol}:${dest}${mode && /\bro\b/.test(mode) ? ':ro' : ''}`;
  };
  const binds = [
    ...[...(src.HostConfig?.Binds ?? []), ...keptAnonymous].map(replaced),
    ...(req.extraBinds ?? []),
  ];
  // --mount entries for a replaced destination become binds of the new volume.
  const mounts = src.HostConfig?.Mounts;
  if (mounts) {
    const kept = mounts.filter((m) => replace[m.Target ?? ''] === undefined);
    for (const m of mounts) if (!kept.includes(m)) binds.push(`${replace[m.Target ?? '']}:${m.Target}`);
    hostConfig.Mounts = kept;
  }
  if (binds.length > 0) hostConfig.Binds = binds;
  if (req.noRestart) {
    hostConfig.RestartPolicy = { Name: 'no', MaximumRetryCount: 0 };
    hostConfig.AutoRemove = false;
    // A one-off needs no published ports, and would clash with the running replica's.
    hostConfig.PortBindings = {};
  }

  const body: Record<string, unknown> = {
    ...(cfg.Hostname && !id.startsWith(cfg.Hostname) ? { Hostname: cfg.Hostname } : {}),
    ...(cfg.Domainname ? { Domainname: cfg.Domainname } : {}),
    ...(withoutInherited(cfg.User, oldImage.User) ? { User: cfg.User } : {}),
    Env: env,
    Image: req.image,
    Labels: labels,
    ...(withoutInherited(cfg.WorkingDir, oldImage.WorkingDir) ? { WorkingDir: cfg.WorkingDir } : {}),
    ...(withoutInherited(cfg.StopSignal, oldImage.StopSignal) ? { StopSignal: cfg.StopSignal } : {}),
    ...(cfg.StopTimeout !== undefined ? { StopTimeout: cfg.StopTimeout } : {}),
    ...(withoutInherited(cfg.Healthcheck, oldImage.Healthcheck) ? { Healthcheck: cfg.Healthcheck } : {}),
    ...(withoutInherited(cfg.ExposedPorts, oldImage.ExposedPorts) ? { ExposedPorts: cfg.ExposedPorts } : {}),
    Tty: cfg.Tty ?? false,
    OpenStdin: cfg.OpenStdin ?? false,
    StdinOnce: cfg.StdinOnce ?? false,
    HostConfig: hostConfig,
  };
  const cmd = req.cmd ?? withoutInherited(cfg.Cmd ?? undefined, oldImage.Cmd ?? undefined);
  if (cmd !== undefined) body.Cmd = cmd;
  const entrypoint =
    req.entrypoint ?? withoutInherited(cfg.Entrypoint ?? undefined, oldImage.Entrypoint ?? undefined);
  if (entrypoint !== undefined) body.Entrypoint = entrypoint;

  const extraNetworks: CloneBody['extraNetworks'] = [];
  const mode = src.HostConfig?.NetworkMode;
  if (!sharesNetwork(mode)) {
    const shortId = id.slice(0, 12);
    const endpoints = Object.entries(src.NetworkSettings?.Networks ?? {}).map(([name, ep]) => ({
      name,
      // The old container's short id is an automatic alias: the new one gets its own.
      aliases: (ep.Aliases ?? []).filter((a) => a !== shortId),
    }));
    const primaryName = mode === 'default' ? 'bridge' : mode;
    const primary = endpoints.find((e) => e.name === primaryName) ?? endpoints[0];
    if (primary) {
      body.NetworkingConfig = {
        EndpointsConfig: { [primary.name]: primary.aliases.length ? { Aliases: primary.aliases } : {} },
      };
      extraNetworks.push(...endpoints.filter((e) => e !== primary));
    }
  }
  return { name: req.name, body, extraNetworks };
}
