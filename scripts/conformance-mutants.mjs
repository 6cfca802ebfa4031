#!/usr/bin/env node
// Mutation testing of the transport conformance suite (`npm run test:conformance-mutants`).
// Runs src/transport/conformance.ts in Node against the mutant adapter of
// test/conformance-mutants/mutant-transport.ts (the memory backend behind a wrapper): first with
// no violation (every test must pass), then once per named contract violation (some test must
// fail). Exits 1 if the faithful adapter fails a test or any mutant survives.
//
//   node scripts/conformance-mutants.mjs              every mutant, stopping at the first failing test
//   node scripts/conformance-mutants.mjs --all-tests  every test against every mutant (lists all killers)
//   node scripts/conformance-mutants.mjs name …       only these mutants
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { runTransportConformance } = await import('../src/transport/conformance.ts');
const { FIXTURE_GAPS, MUTANTS, mutantSubject } =
  await import('../test/conformance-mutants/mutant-transport.ts');

const args = process.argv.slice(2);
const allTests = args.includes('--all-tests');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(name in MUTANTS)) {
    console.error(`There is no mutant "${name}". Mutants: ${Object.keys(MUTANTS).join(', ')}`);
    process.exit(2);
  }
}
const TEST_TIMEOUT_MS = 20_000;

// A describe/it of our own: the suite registers its tests here, and we run them in order.
const tests = [];
let mutant = null;
/** 'all': every hook; 'none': only dispose (the suite must fail, not pass, what needs a hook). */
let hookMode = 'all';
/** Hooks each test used, recorded on the faithful run. */
const hooksUsed = new Map();
let currentTest = '';
function subject() {
  const s = mutantSubject(mutant);
  const { dispose, ...rest } = s.hooks;
  if (hookMode === 'none') return { transport: s.transport, hooks: { dispose } };
  const recorded = Object.fromEntries(
    Object.entries(rest).map(([name, hook]) => [
      name,
      (...args) => {
        hooksUsed.get(currentTest)?.add(name);
        return hook(...args);
      },
    ]),
  );
  return { transport: s.transport, hooks: { ...recorded, dispose } };
}
globalThis.describe = (_name, body) => body();
globalThis.it = (name, body) => tests.push({ name, body });
runTransportConformance(subject, {
  name: 'mutant adapter',
  eventTimeoutMs: 1500,
  settleMs: 100,
});
delete globalThis.describe;
delete globalThis.it;

async function runTest(test) {
  currentTest = test.name;
  let timer;
  try {
    await Promise.race([
      test.body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
      }),
    ]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };

console.log(`Conformance suite: ${tests.length} tests. The faithful adapter first:`);
mutant = null;
for (const test of tests) {
  const t0 = Date.now();
  hooksUsed.set(test.name, new Set());
  const failure = await runTest(test);
  const ms = Date.now() - t0;
  if (failure) {
    totals.failed++;
    console.log(`  ✘ ${test.name} (${ms} ms)\n      ${failure}`);
  } else {
    totals.passed++;
    console.log(`  ✔ ${test.name} (${ms} ms)`);
  }
}

// Without hooks, each test that used one must fail and name it; the others must still pass.
console.log('\nWithout hooks, the tests that need one fail and name it (never a silent pass):');
hookMode = 'none';
for (const test of tests) {
  const needed = [...hooksUsed.get(test.name)];
  const failure = await runTest(test);
  const ok = needed.length
    ? failure?.includes('cannot run this test: hooks.') && needed.some((h) => failure.includes(`hooks.${h}`))
    : failure === null;
  if (ok) totals.passed++;
  else totals.failed++;
  const what = needed.length
    ? `needs ${needed.join(', ')}: ${failure ?? 'PASSED without it'}`
    : 'needs no hook';
  console.log(`  ${ok ? '✔' : '✘'} ${test.name} — ${what}`);
}
hookMode = 'all';

// An account without part of the fixture: the tests that need it fail and say what is missing.
console.log('\nWithout part of the fixture, the tests that need it fail and say what is missing:');
for (const [gap, missing] of Object.entries(FIXTURE_GAPS)) {
  mutant = gap;
  const failures = [];
  for (const test of tests) {
    const failure = await runTest(test);
    if (failure) failures.push(failure);
  }
  const named = failures.filter((f) => f.includes('cannot run this test') && f.includes(missing));
  if (named.length) totals.passed++;
  else totals.failed++;
  console.log(
    `  ${named.length ? '✔' : '✘'} ${gap}: ${named.length} tests fail naming "${missing}"${named[0] ? `, e.g. ${named[0]}` : ''}`,
  );
}
mutant = null;

// docs/transport.md lists the mutants, so integrators see what the suite guarantees: keep it whole.
const docs = readFileSync('docs/transport.md', 'utf8');
const undocumented = Object.keys(MUTANTS).filter((name) => !docs.includes(`| \`${name}\` |`));
if (undocumented.length) {
  totals.failed++;
  console.log(`\n✘ docs/transport.md does not list these mutants: ${undocumented.join(', ')}`);
}

const names = chosen.length ? chosen : Object.keys(MUTANTS);
console.log(`\n${names.length} mutants, each must fail at least one test:`);
const survivors = [];
// Mutants of one area are listed together and usually fail the same test: try the test that
// failed the previous mutant first (a pure speed-up; every test still runs if needed).
let lastKiller = tests[0];
for (const name of names) {
  mutant = name;
  const t0 = Date.now();
  const killers = [];
  const order = allTests ? tests : [lastKiller, ...tests.filter((t) => t !== lastKiller)];
  for (const test of order) {
    const failure = await runTest(test);
    if (failure) {
      killers.push({ test: test.name, failure });
      if (!allTests) break;
    }
  }
  const ms = Date.now() - t0;
  if (killers.length) lastKiller = tests.find((t) => t.name === killers[0].test);
  if (killers.length) {
    totals.passed++;
    console.log(
      `  ✔ ${name} — killed by ${killers.length > 1 ? `${killers.length} tests, first ` : ''}"${killers[0].test}" (${ms} ms)`,
    );
    console.log(`      ${killers[0].failure}`);
    if (allTests) for (const k of killers.slice(1)) console.log(`      also "${k.test}"`);
  } else {
    totals.failed++;
    survivors.push(name);
    console.log(`  ✘ ${name} SURVIVED: ${MUTANTS[name]} (${ms} ms)`);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
mkdirSync('.test-results', { recursive: true });
writeFileSync('.test-results/mutants.json', JSON.stringify(totals));
console.log(
  `\nconformance mutants: ${names.length - survivors.length} of ${names.length} killed` +
    `${survivors.length ? ` (survivors: ${survivors.join(', ')})` : ''}; faithful adapter ` +
    `${totals.failed - survivors.length - (undocumented.length ? 1 : 0) ? 'FAILED' : 'passed'} (${seconds} s)`,
);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, 0 skipped`);
process.exit(totals.failed ? 1 : 0);
