/*
 * The scale fleet from a shell (root):
 *
 *   npx tsx test/scale/scale.ts up N [--containers 50] [--event-every 5]   # seconds per host; 0: none
 *   npx tsx test/scale/scale.ts down N
 *   FLEETDECK_CONFIG=/tmp/fleetdeck-scale-N/fleet.yaml npm start
 *
 * SCALE_DIR (default /tmp/fleetdeck-scale-N) and SCALE_PORT_BASE (default 24000) move it.
 */
import { parseArgs } from 'node:util';
import { scaleDefaults, startScaleFleet, stopScaleFleet } from './fleet.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { containers: { type: 'string' }, 'event-every': { type: 'string' } },
});
const [command, count] = positionals;
const hosts = Number(count);
if ((command !== 'up' && command !== 'down') || !Number.isInteger(hosts) || hosts < 1) {
  process.stderr.write('usage: scale.ts up N [--containers C] [--event-every S] | down N\n');
  process.exit(2);
}
if (command === 'down') {
  await stopScaleFleet(scaleDefaults(hosts).dir);
  process.stderr.write(`[scale] down: ${scaleDefaults(hosts).dir}\n`);
} else {
  const t0 = performance.now();
  const fleet = await startScaleFleet({
    hosts,
    containers: values.containers === undefined ? undefined : Number(values.containers),
    eventIntervalMs: values['event-every'] === undefined ? undefined : Number(values['event-every']) * 1000,
  });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(
    `[scale] up: ${hosts} hosts × ${fleet.containers} containers in ${s} s (ports ${fleet.inventory.portBase}..${fleet.inventory.portBase + hosts - 1}), ` +
      `one event per host every ${fleet.eventIntervalMs / 1000} s — fleet ${fleet.fleetFile}\n`,
  );
}
