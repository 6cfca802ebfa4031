#!/usr/bin/env node
// The weight budget of `npm test`, for the single-file build (decision 0027): what a page loads
// at first (`dist/sms-elements.bundle.js`) and everything it may load (with the feature files next
// to it, scripts/bundle-files.mjs), gzip -9, built by `npm run build`. Fails when either grows more
// than 1 KB past the figure recorded in bench/weight-budget.json, or when the build made a file
// next to the bundle that is not one of the known feature files (it would be loaded and not hosted).
// Growth is then a choice made on purpose: record the new figures with
// `node scripts/check-weight.mjs --record` and say why in the commit (docs/performance.md,
// "Weight budget"). Issue 21's target (75 KB) is for the first load.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FILES, BUNDLE_MAIN } from './bundle-files.mjs';

const root = resolve(import.meta.dirname, '..');
const budgetPath = resolve(root, 'bench/weight-budget.json');
const gzipKB = (file) =>
  Math.round((gzipSync(readFileSync(resolve(root, 'dist', file)), { level: 9 }).length / 1024) * 10) / 10;
const firstLoad = gzipKB(BUNDLE_MAIN);
const total = Math.round(BUNDLE_FILES.reduce((sum, f) => sum + gzipKB(f), 0) * 10) / 10;
const budget = JSON.parse(readFileSync(budgetPath, 'utf8'));

// Files of the bundle build: the known ones, the Spanish table and the demo backend's single file.
const others = readdirSync(resolve(root, 'dist')).filter(
  (f) => /^sms-elements\..*\.js$/.test(f) && !BUNDLE_FILES.includes(f) && f !== 'sms-elements.es.js',
);
if (others.length) {
  console.error(
    `The bundle build made files that are not in scripts/bundle-files.mjs: ${others.join(', ')}. ` +
      'A page would load them and hosts would not know to copy them: add them there and to docs/embedding.md, ' +
      'or keep them in the bundle (vite.config.ts).',
  );
  process.exit(1);
}

if (process.argv.includes('--record')) {
  const { toleranceKB, targetKB } = budget;
  const recorded = { toleranceKB, targetKB, firstLoadKB: firstLoad, totalKB: total };
  writeFileSync(budgetPath, `${JSON.stringify(recorded, null, 2)}\n`);
  console.log(
    `recorded: whole-app bundle ${firstLoad} KB gzip at first load, ${total} KB with its feature files`,
  );
  process.exit(0);
}
const tolerance = budget.toleranceKB;
const failures = [
  ['at first load (sms-elements.bundle.js)', firstLoad, budget.firstLoadKB],
  [`with its feature files (${BUNDLE_FILES.join(' + ')})`, total, budget.totalKB],
].filter(([, kb, recorded]) => kb > recorded + tolerance);
for (const [what, kb, recorded] of failures) {
  console.error(
    `The whole-app bundle ${what} is ${kb} KB gzip, more than the recorded ${recorded} KB + ${tolerance} KB ` +
      `(bench/weight-budget.json). Make it lighter, or record the growth on purpose: ` +
      '`node scripts/check-weight.mjs --record` (see docs/performance.md, "Weight budget").',
  );
}
if (failures.length) process.exit(1);
console.log(
  `whole-app bundle: ${firstLoad} KB gzip at first load (recorded ${budget.firstLoadKB} KB, target ${budget.targetKB} KB), ` +
    `${total} KB with its feature files (recorded ${budget.totalKB} KB); tolerance ${tolerance} KB`,
);
