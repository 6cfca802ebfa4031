#!/usr/bin/env node
// Runs the Node-side tests (test/node/*.test.mjs: the built package imported in Node, its entry
// points, its bundle) with node:test and writes the totals for scripts/check.mjs.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test/node';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => join(dir, f));
const totals = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (t) => {
  if (t.details?.type === 'suite') return;
  if (t.skip || t.todo) totals.skipped++;
  else totals.passed++;
});
stream.on('test:fail', (t) => {
  if (t.details?.type === 'suite') return;
  totals.failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/node.json', JSON.stringify(totals));
  console.log(`node tests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed ? 1 : 0;
});
