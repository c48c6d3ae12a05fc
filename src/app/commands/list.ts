import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import { hostsJson, hostsTable } from '../output/hosts.js';
import { filterContainers, psJson, psTable, type PsFilter } from '../output/ps.js';
import { collectFleet, type FleetListing } from '../../fleet/collect.js';
import type { ContainerDetails } from '../../domain/details.js';
import { inspectMany } from '../../fleet/health/inspect-many.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { openTargets } from '../targets.js';

/** Lists the fleet; `more` runs against the same connections before they close. */
async function listFleet(
  flags: ConfigFlags,
  io: CommandIo,
  more?: (listing: FleetListing, fleet: ReturnType<typeof openTargets>) => Promise<void>,
): Promise<FleetListing> {
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  // Listing never mutates: the transport is built read-only so nothing else can leave either.
  const fleet = openTargets(config, { readOnly: true });
  try {
    const listing = await collectFleet(fleet.targets, {
      all: true,
      timeoutMs: config.settings.connect.timeoutSeconds * 1000 + 5_000,
      clock: io.now,
    });
    await more?.(listing, fleet);
    return listing;
  } finally {
    await fleet.close();
  }
}

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
          containers: psJson(rows, details),
          unreachable: unreachable.map((h) => ({ host: h.name, state: h.state, reason: h.problem ?? null })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout.write(psTable(rows));
    for (const h of unreachable)
      io.stderr.write(`warning: ${h.problem?.message ?? `${h.name}: ${h.state}`}\n`);
  }
  return exitFor(listing);
}
