import type { DockerHostApi } from '../../docker/host-api.js';
import type { ResourceKind } from '../../domain/resources/types.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { collectResources, type ResourceListing, type ResourceRows } from '../../fleet/resources/collect.js';
import { stateForProblem } from '../../fleet/problem.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE, UserError } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { outputMode, toJson, type OutputFlags } from '../output/mode.js';
import {
  imageNames,
  imagesJson,
  imagesTable,
  networksJson,
  networksTable,
  volumesJson,
  volumesTable,
} from '../output/resources.js';
import { renderNames } from '../output/table.js';
import { unlockSshKeys } from '../ssh-auth.js';
import { openTargets } from '../targets.js';

export interface ResourceFlags extends ConfigFlags, OutputFlags {
  host?: string;
}

/** The hosts a command asks: all, or the one `--host` names (an unknown name is bad input). */
export function pickApis(apis: readonly DockerHostApi[], host: string | undefined): DockerHostApi[] {
  if (host === undefined) return [...apis];
  const one = apis.filter((a) => a.name === host);
  if (one.length === 0) {
    throw new UserError(
      `no host "${host}" in the fleet — hosts are: ${apis.map((a) => a.name).join(', ')}`,
      EXIT_BAD_INPUT,
    );
  }
  return one;
}

/** Renders one listing in the asked mode; pure (tests call it with fakes' listings). */
export function renderResources<K extends ResourceKind>(
  kind: K,
  listing: ResourceListing<ResourceRows[K]>,
  flags: OutputFlags,
  now: number,
): string {
  const mode = outputMode(flags);
  const unreachable = listing.unreachable.map((u) => ({
    host: u.host,
    state: stateForProblem(u.problem),
    reason: u.problem.message,
  }));
  const opts = { wide: mode === 'wide', headers: flags.headers, now };
  const l = listing as ResourceListing<ResourceRows[ResourceKind]>;
  switch (kind) {
    case 'images': {
      const rows = l.rows as ResourceRows['images'][];
      if (mode === 'json') return toJson({ images: imagesJson(rows), unreachable });
      return mode === 'name' ? renderNames(imageNames(rows)) : imagesTable(rows, opts);
    }
    case 'volumes': {
      const rows = l.rows as ResourceRows['volumes'][];
      if (mode === 'json') return toJson({ volumes: volumesJson(rows), unreachable });
      return mode === 'name' ? renderNames(rows.map((r) => r.name)) : volumesTable(rows, opts);
    }
    default: {
      const rows = l.rows as ResourceRows['networks'][];
      if (mode === 'json') return toJson({ networks: networksJson(rows), unreachable });
      return mode === 'name' ? renderNames(rows.map((r) => r.name)) : networksTable(rows, opts);
    }
  }
}

/** `fleetdeck images|volumes|networks [--host H]`: fleet-wide rows; exit 3 when a host did not answer. */
export async function resourcesCommand(
  kind: ResourceKind,
  flags: ResourceFlags,
  io: CommandIo,
): Promise<number> {
  outputMode(flags); // bad -o / --json combinations fail before anything connects
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  await unlockSshKeys(config);
  const fleet = openTargets(config, { readOnly: true });
  try {
    const apis = pickApis(
      fleet.targets.map((t) => t.api),
      flags.host,
    );
    const listing = await collectResources(kind, apis);
    io.stdout.write(renderResources(kind, listing, flags, io.now()));
    if (outputMode(flags) !== 'json') {
      for (const u of listing.unreachable) io.stderr.write(`warning: ${sanitizeLine(u.problem.message)}\n`);
    }
    return listing.unreachable.length === 0 ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
  } finally {
    await fleet.close();
  }
}
