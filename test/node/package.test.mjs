// The built package as a consumer sees it: every export resolves, the API imports in Node
// without a DOM (server-side rendering), and the single-file bundle is self-contained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { BUNDLE_FEATURES, BUNDLE_MAIN } from '../../scripts/bundle-files.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

test('every export of package.json points at a built file', () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const paths = typeof target === 'string' ? [target] : Object.values(target);
    for (const p of paths) {
      if (p.includes('*')) continue;
      assert.ok(existsSync(p), `${entry} → ${p} is missing`);
    }
  }
});

test('the API entry imports in Node without window or HTMLElement', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.HTMLElement, 'undefined');
  const api = await import('../../dist/index.js');
  assert.equal(typeof api.createMessagesClient, 'function');
  assert.equal(typeof api.TransportError, 'function');
  assert.equal(typeof api.parsePhoneNumber, 'function');
  // The rules a backend reuses (docs/transport.md, "Reuse the rules in your backend").
  for (const name of ['resolvePolicy', 'checkAttachments', 'checkRecipients', 'sniffBytes', 'readMediaInfo'])
    assert.equal(typeof api[name], 'function', name);
  assert.equal(api.SNIFF_BYTES, 4100);
});

test('the demo backend and a client run in Node', async () => {
  const { createMessagesClient } = await import('../../dist/index.js');
  const { createMemoryBackend } = await import('../../dist/memory.js');
  const backend = createMemoryBackend({ latencyMs: 0, seed: 1 });
  const client = createMessagesClient({ transport: backend.connect(backend.accounts[0].id) });
  await client.start();
  const state = client.getState();
  assert.ok(state.account.numbers.length > 0);
  assert.ok(state.conversations.length > 0);
  client.destroy();
  backend.dispose?.();
});

test('the single-file bundle is minified, imports only its feature files, and has no eval', () => {
  const bundle = readFileSync('dist/sms-elements.bundle.js', 'utf8');
  // Decision 0027: the media viewer and search are files of their own, imported relative to the
  // bundle; nothing else (no other chunk, no bare specifier).
  const imported = [...bundle.matchAll(/\bimport\s*\(\s*([`"'])([^`"']*)\1\s*\)/g)].map((m) => m[2]).sort();
  assert.deepEqual(imported, BUNDLE_FEATURES.map((f) => `./${f}`).sort(), 'dynamic imports of the bundle');
  for (const feature of BUNDLE_FEATURES) {
    const code = readFileSync(`dist/${feature}`, 'utf8');
    const from = [...code.matchAll(/\bfrom\s*([`"'])([^`"']*)\1/g)].map((m) => m[2]);
    assert.deepEqual([...new Set(from)], [`./${BUNDLE_MAIN}`], `${feature} imports only the bundle`);
    assert.doesNotMatch(
      code,
      /\bimport\s*\(|\beval\s*\(|new Function\s*\(/,
      `${feature}: no import(), no eval`,
    );
  }
  const excerpt = (re) => {
    const m = re.exec(bundle);
    return m ? bundle.slice(Math.max(0, m.index - 60), m.index + 60) : '';
  };
  const staticImport = /(^|[;}\n])\s*import\s*[\w{*]/;
  const evaluation = /\beval\s*\(|new Function\s*\(/;
  assert.equal(excerpt(staticImport), '', 'static import in the bundle');
  assert.equal(excerpt(evaluation), '', 'eval or new Function in the bundle');
  // Minified: long lines (the remaining line breaks are inside CSS template literals).
  assert.ok(bundle.length / bundle.split('\n').length > 200, 'the bundle is minified');
  assert.match(bundle, /customElements/, 'the bundle registers elements');
});

test('every element define module registers its tag in the manifest', () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
  assert.ok(tags.includes('sms-provider'), `tags: ${tags.join(', ')}`);
});

test('Spanish is opt in: sms-elements/i18n/es registers it, sms-elements.es.js carries the table alone', async () => {
  const registry = await import('../../dist/i18n/registry.js');
  assert.equal(registry.translationFor('es').conversations, 'Conversations');
  await import('../../dist/i18n/es.js');
  assert.equal(registry.translationFor('es-MX').conversations, 'Conversaciones');
  const table = readFileSync('dist/sms-elements.es.js', 'utf8');
  assert.ok(!/\bimport\b/.test(table), 'the single-file table imports nothing');
  assert.match(table, /Conversaciones/);
  assert.ok(
    !readFileSync('dist/sms-elements.bundle.js', 'utf8').includes('Conversaciones'),
    'not in the bundle',
  );
});
