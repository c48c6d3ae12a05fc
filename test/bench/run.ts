/* Benchmarks: `npm run bench -- NAME` (fanout | ui | startup | faults | logs-flood | all). They print figures and ratios; they never assert. */
import { fanoutBench } from './fanout.js';

const benches: Record<string, () => Promise<void>> = {
  fanout: fanoutBench,
  ui: async () => (await import('./ui.js')).uiBench(),
  startup: async () => (await import('./startup.js')).startupBench(),
  faults: async () => (await import('./faults.js')).faultsBench(),
  'logs-flood': async () => (await import('./logs-flood.js')).logsFloodBench(),
};

const name = process.argv[2] ?? 'all';
const chosen = name === 'all' ? Object.keys(benches) : [name];
for (const n of chosen) {
  const bench = benches[n];
  if (!bench) {
    process.stderr.write(`unknown benchmark ${n}; choose one of: ${Object.keys(benches).join(', ')}, all\n`);
    process.exit(2);
  }
  await bench();
}
process.exit(0);
