import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import { hostsJson, hostsTable } from '../output/hosts.js';
import { filterContainers, psJson, psTable, type PsFilter } from '../output/ps.js';
import type { FleetListing } from '../../fleet/collect.js';
import type { ContainerDetails } from '../../domain/details.js';
import { inspectMany } from '../../fleet/health/inspect-many.js';
import { listFleet, warnUnreachable } from '../list-fleet.js';
import type { CommandIo } from '../io.js';
import type { ConfigFlags } from '../load-config.js';

function exitFor(listing: FleetListing): number {
  return listing.hosts.every((h) => h.state === 'up') ? EXIT_OK : EXIT_SOME_HOSTS_UNREACHABLE;
}

export async function hostsCommand(flags: ConfigFlags & { json?: boolean }, io: CommandIo): Promise<number> {
  const listing = await listFleet(flags, io);
  io.stdout.write(
    flags.json
      ? JSON.stringify(hostsJson(listing.hosts), null, 2) + '\n'
      : hostsTable(listing.hosts, io.now()),
  );
  return exitFor(listing);
}

export async function psCommand(
  flags: ConfigFlags & Partial<PsFilter> & { json?: boolean },
  io: CommandIo,
): Promise<number> {
  const filter = { host: flags.host, role: flags.role, all: flags.all ?? false };
  let details: Map<string, ContainerDetails> | undefined;
  // --json adds stop signal, stop timeout, init and the decoded exit: one inspect per container listed.
  const listing = await listFleet(flags, io, async (l, fleet) => {
    if (!flags.json) return;
    const apis = new Map(fleet.targets.map((t) => [t.identity.name, t.api]));
    details = await inspectMany(apis, filterContainers(l.containers, filter));
  });
  const rows = filterContainers(listing.containers, filter);
  const unreachable = listing.hosts.filter((h) => h.state !== 'up');
  if (flags.json) {
    io.stdout.write(
      JSON.stringify(
        {
          containers: psJson(rows, details, new Set(listing.hosts.filter((h) => h.stale).map((h) => h.name))),
          unreachable: unreachable.map((h) => ({ host: h.name, state: h.state, reason: h.problem ?? null })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout.write(psTable(rows));
    warnUnreachable(listing, io);
  }
  return exitFor(listing);
}
