import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import { hostsJson, hostsTable } from '../output/hosts.js';
import { outputMode, toJson, type OutputFlags } from '../output/mode.js';
import { filterContainers, psJson, psNames, psTable, type PsFilter } from '../output/ps.js';
import { renderNames } from '../output/table.js';
import type { FleetListing } from '../../fleet/collect.js';
import type { ContainerDetails } from '../../domain/details.js';
import { inspectMany } from '../../fleet/health/inspect-many.js';
import { listFleet, warnUnreachable } from '../list-fleet.js';
import type { CommandIo } from '../io.js';
import type { ConfigFlags } from '../load-config.js';
import { completionCachePath, fleetKey, writeCompletionCache } from './completion-cache.js';

function exitFor(listing: FleetListing): number {
  return listing.hosts.every((h) => h.state === 'up') ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
}

/** What completion offers next time: the names this listing saw (fleet files only, not --context). */
function remember(flags: ConfigFlags, listing: FleetListing, io: CommandIo): void {
  if (flags.context?.length) return;
  writeCompletionCache(completionCachePath(io.env), fleetKey(flags.fleet, io.env), listing, io.now());
}

export async function hostsCommand(flags: ConfigFlags & OutputFlags, io: CommandIo): Promise<number> {
  const mode = outputMode(flags);
  const listing = await listFleet(flags, io);
  remember(flags, listing, io);
  const { hosts } = listing;
  const headers = flags.headers;
  io.stdout.write(
    mode === 'json'
      ? toJson(hostsJson(hosts))
      : mode === 'name'
        ? renderNames(hosts.map((h) => h.name))
        : hostsTable(hosts, io.now(), { wide: mode === 'wide', headers }),
  );
  return exitFor(listing);
}

export async function psCommand(
  flags: ConfigFlags & Partial<PsFilter> & OutputFlags & { inspect?: boolean },
  io: CommandIo,
): Promise<number> {
  const mode = outputMode(flags);
  const filter = { host: flags.host, role: flags.role, all: flags.all ?? false };
  let details: Map<string, ContainerDetails> | undefined;
  // JSON adds stop signal, stop timeout, init and the decoded exit. From the list alone by default:
  // an inspection per container (5,000 on 100 hosts) only when asked for with --inspect.
  const listing = await listFleet(
    flags,
    io,
    async (l, fleet) => {
      if (mode !== 'json' || !flags.inspect) return;
      const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
      details = await inspectMany(apis, filterContainers(l.containers, filter));
    },
    { details: false },
  );
  remember(flags, listing, io);
  const rows = filterContainers(listing.containers, filter);
  const unreachable = listing.hosts.filter((h) => h.state !== 'up');
  if (mode === 'json') {
    io.stdout.write(
      toJson({
        containers: psJson(rows, details ?? 'listed'),
        unreachable: unreachable.map((h) => ({ host: h.name, state: h.state, reason: h.problem ?? null })),
      }),
    );
  } else {
    io.stdout.write(
      mode === 'name'
        ? renderNames(psNames(rows))
        : psTable(rows, { wide: mode === 'wide', headers: flags.headers }),
    );
    warnUnreachable(listing, io);
  }
  return exitFor(listing);
}
