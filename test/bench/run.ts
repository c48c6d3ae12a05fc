/* Benchmarks: `npm run bench -- NAME` (fanout | ui | startup | scale | faults | logs-flood | all). They print figures and ratios; they never assert. */
import { fanoutBench } from './fanout.js';

const benches: Record<string, () => Promise<void>> = {
  fanout: fanoutBench,
  ui: async () => (await import('./ui.js')).uiBench(),
  startup: async () => (await import('./startup.js')).startupBench(),
  scale: async () => (await import('./scale.js')).scaleBench(),
  faults: async () => (await import('./faults.js')).faultsBench(),
  'logs-flood': async () => (await import('./logs-flood.js')).logsFloodBench(),
};
// The scale bench (hundreds of sshd, ~25 minutes) runs only when named.
const BY_NAME_ONLY = new Set(['scale']);

const name = process.argv[2] ?? 'all';
const chosen = name === 'all' ? Object.keys(benches).filter((n) => !BY_NAME_ONLY.has(n)) : [name];
for (const n of chosen) {
  const bench = benches[n];
  if (!bench) {
    process.stderr.write(`unknown benchmark ${n}; choose one of: ${Object.keys(benches).join(', ')}, all\n`);
    process.exit(2);
  }
  await bench();
}
process.exit(0);
