#!/usr/bin/env node
// The whole-app journey suite and the model-based UI test (docs/testing.md): builds the host page
// of test/acceptance/host with Vite, serves it, starts the reference server, and drives
// `<sms-messages>` in headless Chromium with the real mouse, wheel and keyboard.
// Writes its tally to .test-results/journeys.json for scripts/check.mjs.
//
//   node scripts/check-journeys.mjs                      journeys + a bounded model run (npm test)
//   node scripts/check-journeys.mjs --journeys [name…]   journeys only (names: substrings)
//   … --all (or JOURNEYS_ALL=1)                          the long variant of each journey, and the
//                                                        slow ones (not in npm test)
//   node scripts/check-journeys.mjs --model --runs 200 --steps 30 --seed 42 [--path … --shrink]
//                                                        model only (npm run test:model -- …)
//   … --tolerate not-sent-preview                        report that invariant's violations, do not fail
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildHost, launch, serveHost, startReferenceServer } from '../test/acceptance/app.mjs';
import { journeys } from '../test/acceptance/journeys.mjs';
import { runModel } from '../test/acceptance/model.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    journeys: { type: 'boolean', default: false },
    model: { type: 'boolean', default: false },
    runs: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    shrink: { type: 'boolean', default: false },
    tolerate: { type: 'string', multiple: true },
    all: { type: 'boolean', default: process.env.JOURNEYS_ALL === '1' },
  },
});
const both = !values.journeys && !values.model;
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
const seconds = (from) => ((Date.now() - from) / 1000).toFixed(1);

await buildHost();
const host = await serveHost();
const server = await startReferenceServer();
const browser = await launch();
try {
  if (both || values.journeys) {
    const runnable = values.all ? journeys : journeys.filter((j) => !j.slow);
    const chosen = positionals.length
      ? runnable.filter((j) => positionals.some((p) => j.name.includes(p)))
      : runnable;
    for (const journey of chosen) {
      const from = Date.now();
      try {
        await journey.run({ browser, base: host.url, server, all: values.all });
        totals.passed++;
        console.log(`✔ ${journey.name} (${seconds(from)} s)`);
        if (journey.knownDefect)
          console.log(`    now passes: remove its knownDefect mark (${journey.knownDefect})`);
      } catch (error) {
        if (journey.knownDefect) {
          totals.skipped++;
          console.log(`⚠ ${journey.name}: skipped, known defect: ${journey.knownDefect}`);
          continue;
        }
        totals.failed++;
        console.log(
          `✘ ${journey.name} (${seconds(from)} s)\n    ${String(error?.stack ?? error)
            .split('\n')
            .slice(0, 8)
            .join('\n    ')}`,
        );
      }
    }
  }
  if (both || values.model) {
    const from = Date.now();
    const options = {
      runs: Number(values.runs ?? (values.model ? 200 : 3)),
      steps: Number(values.steps ?? (values.model ? 30 : 12)),
      seed:
        values.seed === undefined ? (values.model ? Date.now() % 2 ** 31 : 20261201) : Number(values.seed),
      path: values.path,
      shrink: values.shrink,
      tolerate: values.tolerate ?? [],
    };
    const result = await runModel({ browser, base: host.url, server, ...options });
    if (result.tolerated.length) {
      console.log(
        `  tolerated (--tolerate ${options.tolerate.join(', ')}): ${result.tolerated.length} violations, e.g.`,
      );
      for (const t of [...new Set(result.tolerated)].slice(0, 3)) console.log(`    ${t}`);
    }
    if (result.ok) {
      totals.passed++;
      console.log(
        `✔ model: ${result.runs} sequences × ${options.steps} steps (${result.steps} drawn, ${result.executed} executed), seed ${options.seed}, 0 violations (${seconds(from)} s)`,
      );
      if (values.model)
        console.log(
          `  executed: ${Object.entries(result.tally)
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        );
    } else {
      totals.failed++;
      console.log(
        `✘ model (${seconds(from)} s; ${result.runs} sequences passed before the failure, seed ${options.seed})\n${result.report}`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
  host.close();
}
mkdirSync('.test-results', { recursive: true });
writeFileSync('.test-results/journeys.json', JSON.stringify(totals));
console.log(
  `journeys: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${seconds(started)} s)`,
);
process.exit(totals.failed ? 1 : 0);
