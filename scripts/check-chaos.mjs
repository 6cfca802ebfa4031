#!/usr/bin/env node
// The two-tab chaos test over the reference server (test/chaos/two-tabs.mjs; docs/testing.md):
// builds the acceptance host page (test/acceptance/host), serves it, starts the reference server and runs seeded sessions of
// two real tabs of one browser. Writes its tally to .test-results/chaos.json for scripts/check.mjs.
//
//   node scripts/check-chaos.mjs                     one bounded session, seed 20261201 (npm test)
//   node scripts/check-chaos.mjs --long              3 sessions × 40 sends, 4 outages, 12 inbound,
//                                                    random seeds (npm run test:chaos)
//   … --seed 42 --sessions 2 --sends 60 --outages 5 --inbound 20 --verbose
//   CHAOS_SEED=42 node scripts/check-chaos.mjs       replays a seed (the first session's)
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildHost, launch, serveHost, startReferenceServer } from '../test/acceptance/app.mjs';
import { runTwoTabs } from '../test/chaos/two-tabs.mjs';

const { values } = parseArgs({
  options: {
    long: { type: 'boolean', default: false },
    seed: { type: 'string' },
    sessions: { type: 'string' },
    sends: { type: 'string' },
    outages: { type: 'string' },
    inbound: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const long = values.long;
const given = values.seed ?? process.env.CHAOS_SEED;
const firstSeed = given !== undefined ? Number(given) : long ? Date.now() % 2 ** 31 : 20261201;
const sessions = Number(values.sessions ?? (long ? 3 : 1));
const options = {
  sends: Number(values.sends ?? (long ? 40 : 4)),
  outages: Number(values.outages ?? (long ? 4 : 2)),
  inbound: Number(values.inbound ?? (long ? 12 : 2)),
};
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
const seconds = (from) => ((Date.now() - from) / 1000).toFixed(1);

await buildHost();
const host = await serveHost();
const browser = await launch();
try {
  for (let i = 0; i < sessions; i++) {
    const seed = firstSeed + i;
    const from = Date.now();
    // A fresh server per session: its texts and events start from nothing.
    const server = await startReferenceServer();
    try {
      const f = await runTwoTabs({
        browser,
        base: host.url,
        server,
        seed,
        ...options,
        log: values.verbose ? (line) => console.log(line) : undefined,
      });
      totals.passed++;
      console.log(
        `✔ two tabs, seed ${seed}: ${f.sends} sends, ${f.outages} outages, ${f.reloads} reload and ${f.closes} close of the leader while away, ${f.inbound} inbound, ${f.tabs} tabs opened: 0 duplicates, 0 losses, order kept, 0 stale statuses, each inbound notified once (${seconds(from)} s)`,
      );
    } catch (error) {
      totals.failed++;
      console.log(
        `✘ two tabs, seed ${seed} (${seconds(from)} s)\n    ${String(error?.stack ?? error)
          .split('\n')
          .slice(0, 40)
          .join('\n    ')}`,
      );
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
  host.close();
}
mkdirSync('.test-results', { recursive: true });
writeFileSync('.test-results/chaos.json', JSON.stringify(totals));
console.log(`chaos: ${totals.passed} passed, ${totals.failed} failed (${seconds(started)} s)`);
process.exit(totals.failed ? 1 : 0);
