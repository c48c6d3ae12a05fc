import { sanitizeLine } from '../domain/text/sanitize.js';
import { collectFleet, type FleetListing } from '../fleet/collect.js';
import { systemClock } from '../util/clock.js';
import { ensureSomethingToWatch } from './ensure-target.js';
import type { CommandIo } from './io.js';
import { loadConfig, type ConfigFlags } from './load-config.js';
import { unlockSshKeys } from './ssh-auth.js';
import { openTargets, type FleetTargets } from './targets.js';
import { probeBackstopMs } from './probe-backstop.js';

export interface ListFleetOptions {
  /**
   * False: containers only (`ps`) — one request per host, no /info, no /_ping, and no pty warm-up
   * session on the servers. Default true (`hosts` shows the daemon's facts and a round trip).
   */
  details?: boolean;
}

/**
 * One look at the whole fleet for a non-interactive command; `more` runs against the same
 * connections before they close. Listing never mutates: the transport is built read-only.
 */
export async function listFleet(
  flags: ConfigFlags,
  io: CommandIo,
  more?: (listing: FleetListing, fleet: FleetTargets) => Promise<void>,
  listOpts: ListFleetOptions = {},
): Promise<FleetListing> {
  const details = listOpts.details ?? true;
  const config = await loadConfig(flags, io.env);
  ensureSomethingToWatch(config, io.env);
  await unlockSshKeys(config);
  const fleet = openTargets(config, { readOnly: true, ...(details ? {} : { warmUpPty: false }) });
  try {
    const listing = await collectFleet(fleet.targets, {
      all: true,
      timeoutMs: probeBackstopMs(config.settings),
      clock: { ...systemClock, now: io.now },
      details,
    });
    await more?.(listing, fleet);
    return listing;
  } finally {
    await fleet.close();
  }
}

/** Says on stderr which hosts did not answer (the command goes on with the others). */
export function warnUnreachable(listing: FleetListing, io: CommandIo): void {
  for (const h of listing.hosts.filter((x) => x.state !== 'up')) {
    io.stderr.write(`warning: ${sanitizeLine(h.problem?.message ?? `${h.name}: ${h.state}`)}\n`);
  }
}
