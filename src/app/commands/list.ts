import { EXIT_OK, EXIT_SOME_HOSTS_UNREACHABLE } from '../exit-codes.js';
import { hostsJson, hostsTable } from '../output/hosts.js';
import { filterContainers, psJson, psTable, type PsFilter } from '../output/ps.js';
import { collectFleet, type FleetListing } from '../../fleet/collect.js';
import { ensureSomethingToWatch } from '../ensure-target.js';
import type { CommandIo } from '../io.js';
import { loadConfig, type ConfigFlags } from '../load-config.js';
import { openTargets } from '../targets.js';

async function listFleet(flags: ConfigFlags, io: CommandIo): Promise<FleetListing> {
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  // Listing never mutates: the transport is built read-only so nothing else can leave either.
  const fleet = openTargets(config, { readOnly: true });
  try {
    return await collectFleet(fleet.targets, {
      all: true,
      timeoutMs: config.settings.connect.timeoutSeconds * 1000 + 5_000,
      clock: io.now,
    });
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
  const listing = await listFleet(flags, io);
  const rows = filterContainers(listing.containers, {
    host: flags.host,
    role: flags.role,
    all: flags.all ?? false,
  });
  const unreachable = listing.hosts.filter((h) => h.state !== 'up');
  if (flags.json) {
    io.stdout.write(
      JSON.stringify(
        {
          containers: psJson(rows),
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
