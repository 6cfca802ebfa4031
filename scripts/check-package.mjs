#!/usr/bin/env node
// The package as an integrator gets it. `npm pack`, unpack the tarball as node_modules/sms-elements
// under .tmp/package/ (inside the repository, so Node's resolution finds react, vue, vite, typescript
// and lit in the repository's own node_modules: nothing is downloaded), then for each throwaway app:
//   html     a plain page with the single-file bundle, a page that defined <lit-virtualizer> first
//   react    Vite + React 19 + TypeScript, skipLibCheck false, the package's JSX typings
//   vue      Vue 3 with the package's GlobalComponents typings
//   own-lit  an app with its own Lit element and its own <lit-virtualizer> (another copy than the one
//            npm nests under sms-elements), registered before ours; one Lit for both
//   sidebar  a 320 px CRM sidebar that installs only <sms-provider>, <sms-thread>, <sms-composer>
// type-check it, build it, and drive it in Chromium (the list renders, a chat opens, a message sends),
// and report the share of its JavaScript that comes from sms-elements and its dependencies.
// Also: importing the entry points in Node, `moduleResolution: node10`, every link of the shipped
// Markdown, and every html/ts/tsx/vue snippet of the shipped guides run (or type-checked) as printed,
// with `./my-transport.js` standing for "your backend" (the memory demo backend).
// Writes its totals to .test-results/package.json for scripts/check.mjs.
//
//   node scripts/check-package.mjs            everything (builds dist/ first when missing)
//   node scripts/check-package.mjs --serve    build the apps and serve them on http://127.0.0.1:4181
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { launchChromium } from './chromium.mjs';
import { BUNDLE_FILES } from './bundle-files.mjs';

const root = resolve(import.meta.dirname, '..');
const work = join(root, '.tmp/package');
const pkgDir = join(work, 'node_modules/sms-elements');
const serveOnly = process.argv.includes('--serve');
const started = Date.now();

const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {Record<string, Record<string, string | number | boolean>>} */
const figures = {};
function record(name, problem) {
  if (problem) {
    totals.failed++;
    console.log(`✘ ${name}\n    ${String(problem).split('\n').slice(0, 40).join('\n    ')}`);
  } else {
    totals.passed++;
    console.log(`✔ ${name}`);
  }
  return !problem;
}
async function attempt(name, fn) {
  const t = Date.now();
  const took = () => ` (${((Date.now() - t) / 1000).toFixed(1)} s)`;
  try {
    const problem = await fn();
    return record(name + took(), problem || null);
  } catch (error) {
    return record(name + took(), error?.stack ?? error?.message ?? error);
  }
}
function finish() {
  mkdirSync(join(root, '.test-results'), { recursive: true });
  writeFileSync(join(root, '.test-results/package.json'), JSON.stringify({ ...totals, figures }, null, 2));
  console.log('\nApp                 type check  build  sms-elements + its dependencies in the JS (gzip)');
  for (const [app, f] of Object.entries(figures)) {
    if (!('totalGzip' in f)) continue;
    console.log(
      `${app.padEnd(20)}${String(f.typeCheck ?? '-').padEnd(12)}${String(f.build).padEnd(7)}` +
        `${kb(f.smsGzip)} of ${kb(f.totalGzip)} (${Math.round((100 * f.smsGzip) / f.totalGzip)} %)` +
        `, its own code ${kb(f.ownGzip)}` +
        (f.demoGzip ? `; without the demo backend (${kb(f.demoGzip)}) ${kb(f.smsGzip - f.demoGzip)}` : ''),
    );
  }
  console.log(
    `package: ${totals.passed} passed, ${totals.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exit(totals.failed ? 1 : 0);
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sh = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
};
const write = (file, text) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

// ---------------------------------------------------------------------------------------------
// 1. The tarball, unpacked where an app's `import 'sms-elements'` finds it.
if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/jsx.d.ts'))) {
  const r = sh('npm', ['run', '--silent', 'build:lib']);
  if (!record('build the package (npm run build:lib)', r.ok ? null : r.out)) finish();
}
rmSync(work, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });
// A package scope of its own: without it `import 'sms-elements'` here would be the repository's
// self-reference (its package.json has that name) and find the repository's dist/, not the tarball's.
write(join(work, 'package.json'), JSON.stringify({ name: 'package-check', private: true, type: 'module' }));
let tarball = '';
await attempt('npm pack', () => {
  const r = sh('npm', ['pack', '--json', '--pack-destination', work]);
  if (!r.ok) return r.out;
  const [info] = JSON.parse(r.out.slice(r.out.indexOf('[')));
  tarball = join(work, info.filename);
  figures.tarball = {
    packedBytes: info.size,
    unpackedBytes: info.unpackedSize,
    files: info.entryCount,
  };
  console.log(
    `  ${info.filename}: ${kb(info.size)} packed, ${kb(info.unpackedSize)} unpacked, ${info.entryCount} files`,
  );
  const u = sh('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  if (!u.ok) return u.out;
  // npm nests a second @lit-labs/virtualizer under sms-elements when the app has its own copy of another
  // version: do the same, so the app with its own virtualizer (own-lit) has two copies, as in issue 22.
  cpSync(
    join(root, 'node_modules/@lit-labs/virtualizer'),
    join(pkgDir, 'node_modules/@lit-labs/virtualizer'),
    {
      recursive: true,
    },
  );
  const files = info.files.map((f) => f.path);
  const bad = files.filter(
    (f) => f.endsWith('.d.ts.map') || f.startsWith('src/') || f.startsWith('dist/demo/'),
  );
  if (bad.length) return `ships what it should not: ${bad.slice(0, 5).join(', ')}`;
  const maps = files.filter((f) => f.endsWith('.js.map'));
  for (const m of maps) {
    const map = JSON.parse(readFileSync(join(pkgDir, m), 'utf8'));
    if (!map.sourcesContent || map.sourcesContent.some((s) => typeof s !== 'string'))
      return `${m} points at sources the package does not have (no sourcesContent)`;
  }
  const manifest = readFileSync(join(pkgDir, 'dist/custom-elements.json'), 'utf8');
  const paths = [...manifest.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]);
  const missing = [...new Set(paths)].filter((p) => !existsSync(join(pkgDir, p)));
  if (missing.length)
    return `custom-elements.json points at files not shipped: ${missing.slice(0, 5).join(', ')}`;
  return null;
});
if (!tarball) finish();

// ---------------------------------------------------------------------------------------------
// 2. Node: the entry points import without a DOM; TypeScript's resolutions find every subpath.
await attempt('Node imports sms-elements, /define, /memory, /http and /bundle without a DOM', () => {
  const code = `for (const s of ['sms-elements','sms-elements/define','sms-elements/memory','sms-elements/http','sms-elements/bundle','sms-elements/components/thread/thread.define.js']) await import(s);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: work, encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr;
});
const subpathUse = `import { createMessagesClient, SmsThread } from 'sms-elements';
import 'sms-elements/define';
import 'sms-elements/components/thread/thread.define.js';
import { createMemoryBackend } from 'sms-elements/memory';
import { createHttpTransport } from 'sms-elements/http';
import { runTransportConformance } from 'sms-elements/conformance';
import * as bundle from 'sms-elements/bundle';
const backend = createMemoryBackend();
export const client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
export const all = [SmsThread, createHttpTransport, runTransportConformance, bundle.createMessagesClient];
`;
for (const [resolution, module] of [
  ['bundler', 'esnext'],
  ['node16', 'node16'],
  ['node10', 'commonjs'],
]) {
  await attempt(`TypeScript moduleResolution ${resolution} finds the types of every subpath`, () => {
    const dir = join(work, `ts-${resolution}`);
    write(join(dir, 'use.mts'), subpathUse);
    write(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module,
          moduleResolution: resolution,
          target: 'es2022',
          lib: ['es2023', 'dom', 'dom.iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['use.mts'],
      }),
    );
    const r = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir]);
    return r.ok ? null : r.out;
  });
}

// ---------------------------------------------------------------------------------------------
// 3. The throwaway apps.
const tsconfig = (include, extra = {}) =>
  JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2023', 'dom', 'dom.iterable'],
      strict: true,
      skipLibCheck: false,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      noEmit: true,
      types: [],
      ...extra,
    },
    include,
  });
const memoryTransport = `import { createMemoryBackend } from 'sms-elements/memory';
// Stands for "your backend" in the docs' snippets: the memory demo backend of the package.
const backend = createMemoryBackend({ latencyMs: 0 });
export function createMyTransport() {
  return backend.connect(backend.accounts[0].id);
}
`;
const memoryTransportTs = memoryTransport.replace('accounts[0].id', 'accounts[0]!.id');
/** The whole-app page flow every app with <sms-messages> goes through. */
const messagesApp = (script) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>app</title></head>
  <body>
    <output id="log">no event yet</output>
    <div id="app"></div>
    ${script}
  </body>
</html>
`;

const apps = {
  html: {
    // No bundler: the files are served as they are. The page has its own <lit-virtualizer> first.
    files: {
      'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>plain HTML</title></head>
  <body>
    <output id="log">no event yet</output>
    <sms-provider>
      <sms-messages style="display: block; height: 600px"></sms-messages>
    </sms-provider>
    <script>
      // The host page owns this tag before the bundle loads (issue 22, defect 1).
      customElements.define('lit-virtualizer', class extends HTMLElement {});
    </script>
    <script type="module">
      import { createMessagesClient } from './sms-elements.bundle.js';
      import { createMemoryBackend } from './memory.bundle.js';

      const backend = createMemoryBackend({ latencyMs: 0 });
      document.querySelector('sms-provider').client = createMessagesClient({
        transport: backend.connect(backend.accounts[0].id),
      });
      const log = document.getElementById('log');
      document.addEventListener('sms-send', (e) => (log.textContent = 'sms-send ' + e.detail.text));
    </script>
  </body>
</html>
`,
    },
    copy: {
      // The bundle and the feature files next to it (decision 0027).
      ...Object.fromEntries(BUNDLE_FILES.map((f) => [f, `dist/${f}`])),
      'memory.bundle.js': 'dist/memory.bundle.js',
    },
    flow: 'messages',
  },
  react: {
    plugins: () => [react()],
    files: {
      'index.html': messagesApp('<script type="module" src="./main.tsx"></script>'),
      'main.tsx': `import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'sms-elements/define';
import type {} from 'sms-elements/jsx';
import { createMessagesClient } from 'sms-elements';
import type { SmsConversationSelectEvent, SmsMessages, SmsSendEvent } from 'sms-elements';
import { createMyTransport } from './my-transport.ts';

const client = createMessagesClient({ transport: createMyTransport() });
const labels = { messages: 'Texts' };

function App() {
  const messages = useRef<SmsMessages>(null);
  const [last, setLast] = useState('');
  return (
    <>
      <sms-provider client={client}>
        <sms-messages
          ref={messages}
          labels={labels}
          notifications={false}
          style={{ display: 'block', height: '600px' }}
          onsms-conversation-select={(e: SmsConversationSelectEvent) => setLast(e.detail.conversationId)}
          onsms-send={(e: SmsSendEvent) => setLast('sms-send ' + e.detail.text)}
        />
      </sms-provider>
      <output id="react-log">{last}</output>
    </>
  );
}

/** Never rendered: the typings are real, a wrong type does not compile. */
export const wrong = () => (
  <>
    {/* @ts-expect-error client is a MessagesClient */}
    <sms-thread client={42} />
    {/* @ts-expect-error the handler takes an SmsSendEvent */}
    <sms-composer onsms-send={(e: KeyboardEvent) => e.key} />
  </>
);

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
      'my-transport.ts': memoryTransportTs,
      'tsconfig.json': tsconfig(['*.ts', '*.tsx'], { jsx: 'react-jsx', allowImportingTsExtensions: true }),
    },
    typeCheck: true,
    flow: 'messages',
    log: '#react-log',
  },
  vue: {
    plugins: () => [
      vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sms-') } } }),
    ],
    files: {
      'index.html': messagesApp('<script type="module" src="./main.ts"></script>'),
      'main.ts': `import { createApp } from 'vue';
import 'sms-elements/define';
import App from './App.vue';

createApp(App).mount('#app');
`,
      'App.vue': `<script setup lang="ts">
import { createMessagesClient } from 'sms-elements';
import type { SmsSendEvent } from 'sms-elements';
import { createMyTransport } from './my-transport.ts';

const client = createMessagesClient({ transport: createMyTransport() });
function onSend(event: SmsSendEvent) {
  document.getElementById('log')!.textContent = 'sms-send ' + event.detail.text;
}
</script>

<template>
  <sms-provider :client.prop="client">
    <sms-messages style="display: block; height: 600px" @sms-send="onSend" />
  </sms-provider>
</template>
`,
      // No vue-tsc here: the GlobalComponents typings are checked as a program (skipLibCheck false).
      'typings.ts': `import type { GlobalComponents } from 'vue';
import type {} from 'sms-elements/vue';
import type { MessagesClient } from 'sms-elements';
type Props<T> = T extends abstract new (...args: never) => { $props: infer P } ? P : never;
type ProviderProps = Props<GlobalComponents['sms-provider']>;
export const ok: ProviderProps = { client: undefined as MessagesClient | undefined };
// @ts-expect-error client is a MessagesClient
export const wrong: ProviderProps = { client: 42 };
`,
      'my-transport.ts': memoryTransportTs,
      'env.d.ts': `declare module '*.vue' {\n  const component: import('vue').DefineComponent;\n  export default component;\n}\n`,
      'tsconfig.json': tsconfig(['*.ts'], { allowImportingTsExtensions: true }),
    },
    typeCheck: true,
    flow: 'messages',
  },
  'own-lit': {
    files: {
      'index.html': messagesApp('<script type="module" src="./main.ts"></script>'),
      'main.ts': `// The app's own Lit element and its own <lit-virtualizer>, registered before sms-elements.
import { LitElement, html } from 'lit';
import '@lit-labs/virtualizer';
import 'sms-elements/define';
import { createMessagesClient } from 'sms-elements';
import { createMyTransport } from './my-transport.ts';

class AppList extends LitElement {
  override render() {
    return html\`<lit-virtualizer
      scroller
      style="height: 120px"
      .items=\${['alpha', 'beta', 'gamma']}
      .renderItem=\${(item: unknown) => html\`<p class="own-row">\${item}</p>\`}
    ></lit-virtualizer>\`;
  }
}
customElements.define('app-list', AppList);

const app = document.getElementById('app')!;
app.innerHTML = '<app-list></app-list><sms-provider><sms-messages style="display: block; height: 600px"></sms-messages></sms-provider>';
app.querySelector('sms-provider')!.client = createMessagesClient({ transport: createMyTransport() });
document.addEventListener('sms-send', (e) => (document.getElementById('log')!.textContent = 'sms-send ' + e.detail.text));
`,
      'my-transport.ts': memoryTransportTs,
      'tsconfig.json': tsconfig(['*.ts'], {
        allowImportingTsExtensions: true,
        experimentalDecorators: true,
        useDefineForClassFields: false,
        noImplicitOverride: true,
      }),
    },
    typeCheck: true,
    flow: 'own-lit',
  },
  sidebar: {
    files: {
      'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>CRM sidebar</title></head>
  <body>
    <output id="log">no event yet</output>
    <aside style="width: 320px; height: 560px">
      <sms-provider>
        <div style="display: flex; flex-direction: column; height: 100%">
          <sms-thread style="flex: 1; min-height: 0"></sms-thread>
          <sms-composer></sms-composer>
        </div>
      </sms-provider>
    </aside>
    <script type="module" src="./main.ts"></script>
  </body>
</html>
`,
      'main.ts': `// Only what a sidebar uses: the provider, the thread and the composer.
import 'sms-elements/components/provider/provider.define.js';
import 'sms-elements/components/thread/thread.define.js';
import 'sms-elements/components/composer/composer.define.js';
import { createMessagesClient } from 'sms-elements';
import { createMyTransport } from './my-transport.ts';

const client = createMessagesClient({ transport: createMyTransport() });
document.querySelector('sms-provider')!.client = client;
await client.start();
// The customer of the record: the first conversation's number.
const customer = client.getState().conversations[0]!.participants.join(',');
for (const el of document.querySelectorAll('sms-thread, sms-composer')) el.setAttribute('participants', customer);
document.addEventListener('sms-send', (e) => (document.getElementById('log')!.textContent = 'sms-send ' + e.detail.text));
`,
      'my-transport.ts': memoryTransportTs,
      'tsconfig.json': tsconfig(['*.ts'], { allowImportingTsExtensions: true }),
    },
    typeCheck: true,
    flow: 'sidebar',
  },
};

/** Sizes of the built JS: all, sms-elements with its dependencies, and sms-elements' own code. */
function weigh(outDir) {
  let total = 0;
  let sms = 0;
  let own = 0;
  let demo = 0;
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js')) files.push(p);
    }
  };
  walk(outDir);
  for (const file of files) {
    total += gzipSync(readFileSync(file)).length;
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) continue;
    // Share by the source map: each source's share of the mapped code bytes, applied to the gzip size.
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    const code = readFileSync(file, 'utf8');
    const perSource = attribute(code, map);
    const gz = gzipSync(code).length;
    const all = perSource.reduce((a, b) => a + b, 0) || 1;
    map.sources.forEach((s, i) => {
      const share = (perSource[i] / all) * gz;
      const isPkg = /node_modules\/sms-elements\/(?!node_modules\/)/.test(s);
      const isDep =
        /node_modules\/(lit|lit-html|lit-element|@lit|@lit-labs|rxjs|idb|libphonenumber-js|tslib)\//.test(s);
      if (isPkg || isDep) sms += share;
      if (isPkg) own += share;
      // The demo backend stands in for the app's own transport: a real app does not ship it.
      if (/node_modules\/sms-elements\/dist\/(transport\/memory\/|memory\.js)/.test(s)) demo += share;
    });
  }
  return { totalGzip: total, smsGzip: Math.round(sms), ownGzip: Math.round(own), demoGzip: Math.round(demo) };
}
/** Bytes of generated code per source of a (non-indexed) source map. */
function attribute(code, map) {
  const counts = new Array(map.sources.length).fill(0);
  const lines = code.split('\n');
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const mappings = map.mappings.split(';');
  let source = 0;
  for (let l = 0; l < mappings.length && l < lines.length; l++) {
    let col = 0;
    const segs = mappings[l] ? mappings[l].split(',') : [];
    const decoded = segs.map((seg) => {
      const out = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = chars.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          out.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      return out;
    });
    for (let i = 0; i < decoded.length; i++) {
      const [dc, ds] = decoded[i];
      col += dc;
      if (ds !== undefined) source += ds;
      const end = i + 1 < decoded.length ? col + decoded[i + 1][0] : lines[l].length;
      if (decoded[i].length > 1 && counts[source] !== undefined) counts[source] += end - col;
    }
  }
  return counts;
}

/** @type {Map<string, string>} app → the URL path of its page */
const pages = new Map();
/** @type {Map<string, string>} page name → the snippet it runs */
const snippetText = new Map();
for (const [name, app] of Object.entries(apps)) {
  const dir = join(work, 'apps', name);
  figures[name] = {};
  for (const [file, text] of Object.entries(app.files)) write(join(dir, file), text);
  const missing = Object.values(app.copy ?? {}).filter((from) => !existsSync(join(pkgDir, from)));
  if (missing.length) {
    record(`${name}: the package has ${missing.join(', ')}`, 'missing');
    continue;
  }
  for (const [file, from] of Object.entries(app.copy ?? {})) cpSync(join(pkgDir, from), join(dir, file));
  if (app.typeCheck) {
    const t = Date.now();
    const ok = await attempt(`${name}: type-checks (skipLibCheck false)`, () => {
      const r = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir]);
      return r.ok ? null : r.out;
    });
    figures[name].typeCheck = ok ? 'OK' : 'FAIL';
    figures[name].typeCheckSeconds = (Date.now() - t) / 1000;
  }
  if (!app.copy) {
    const t = Date.now();
    const ok = await attempt(`${name}: builds with Vite`, async () => {
      await build({
        configFile: false,
        root: dir,
        base: './',
        logLevel: 'error',
        plugins: app.plugins?.() ?? [],
        build: { outDir: join(dir, 'dist'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 5000 },
      });
    });
    figures[name].build = ok ? 'OK' : 'FAIL';
    figures[name].buildSeconds = (Date.now() - t) / 1000;
    if (ok) {
      Object.assign(figures[name], weigh(join(dir, 'dist')));
      pages.set(name, `/apps/${name}/dist/index.html`);
    }
  } else {
    figures[name].build = 'none';
    figures[name].totalGzip = gzipSync(readFileSync(join(dir, 'sms-elements.bundle.js'))).length;
    figures[name].smsGzip = figures[name].totalGzip;
    figures[name].ownGzip = figures[name].totalGzip;
    pages.set(name, `/apps/${name}/index.html`);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. The shipped Markdown: links and snippets.
const docs = ['README.md', ...listFiles(join(pkgDir, 'docs')).map((f) => relative(pkgDir, f))].filter((f) =>
  f.endsWith('.md'),
);
function listFiles(d) {
  return readdirSync(d).flatMap((f) =>
    statSync(join(d, f)).isDirectory() ? listFiles(join(d, f)) : [join(d, f)],
  );
}
const guides = [
  'README.md',
  'docs/getting-started.md',
  'docs/embedding.md',
  'docs/i18n.md',
  'docs/theming.md',
];
await attempt(
  `every link of the ${docs.length} shipped Markdown files resolves in the package or is public`,
  () => {
    const broken = [];
    for (const doc of docs) {
      const text = readFileSync(join(pkgDir, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https:|http:|mailto:)/.test(target)) continue;
        if (target.startsWith('#')) continue;
        const path = target.split('#')[0];
        if (!existsSync(join(pkgDir, dirname(doc), path))) broken.push(`${doc}: ${target}`);
      }
      // The guides a package user starts from name no file of the repository (the README's
      // Development section is about the repository, on purpose).
      if (guides.includes(doc) && doc !== 'README.md')
        for (const [, path] of text.matchAll(
          /`((?:src|stories|examples|test|scripts|dist\/demo)\/[^`\s]*)`/g,
        ))
          broken.push(`${doc}: \`${path}\` is not in the package`);
    }
    return broken.length ? broken.join('\n') : null;
  },
);

// Snippets of the guides a package user follows. html: built with Vite (or served as they are when
// they import no bare specifier) and loaded; ts/tsx: type-checked as one program with the app's types;
// vue: built in the Vue app.
const snippets = [];
for (const doc of guides) {
  const text = readFileSync(join(pkgDir, doc), 'utf8');
  let n = 0;
  for (const [, lang, body] of text.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    if (!['html', 'ts', 'tsx', 'vue', 'js'].includes(lang)) continue;
    snippets.push({ id: `${doc.replace(/\W+/g, '-')}-${++n}`, doc, lang, body });
  }
}
const snippetDir = join(work, 'snippets');
write(join(snippetDir, 'my-transport.ts'), memoryTransportTs);
write(join(snippetDir, 'my-transport.js'), memoryTransport);
write(
  join(snippetDir, 'env.d.ts'),
  `import type {} from 'sms-elements/jsx';\nimport type {} from 'sms-elements/vue';\ndeclare module '*.vue' {\n  const component: import('vue').DefineComponent;\n  export default component;\n}\n`,
);
const typed = [];
for (const s of snippets) {
  if (s.lang === 'ts' || s.lang === 'tsx' || s.lang === 'js') {
    // A fragment that uses names declared by the snippet before it (`messages`) is checked in JS mode.
    const file = `${s.id}.${s.lang === 'js' ? 'js' : s.lang}`;
    write(join(snippetDir, file), /^(import|export)\b/m.test(s.body) ? s.body : `export {};\n${s.body}`);
    typed.push(file);
  } else if (s.lang === 'vue') {
    write(join(snippetDir, `${s.id}.vue`), s.body);
  }
}
write(
  join(snippetDir, 'tsconfig.json'),
  tsconfig([...typed, 'env.d.ts', 'my-transport.ts'], {
    jsx: 'react-jsx',
    allowJs: true,
    checkJs: false,
    experimentalDecorators: true,
    useDefineForClassFields: false,
    verbatimModuleSyntax: false,
  }),
);
await attempt(`the ${typed.length} ts/tsx/js snippets of the guides type-check against the package`, () => {
  const r = sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', snippetDir]);
  return r.ok ? null : r.out;
});
for (const s of snippets.filter((x) => x.lang === 'vue')) {
  await attempt(`${s.doc}: the Vue snippet builds`, async () => {
    const dir = join(snippetDir, s.id);
    write(join(dir, 'App.vue'), s.body);
    write(join(dir, 'my-transport.ts'), memoryTransportTs);
    write(
      join(dir, 'main.ts'),
      `import { createApp } from 'vue';\nimport 'sms-elements/define';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n`,
    );
    write(join(dir, 'index.html'), messagesApp('<script type="module" src="./main.ts"></script>'));
    await build({
      configFile: false,
      root: dir,
      base: './',
      logLevel: 'error',
      plugins: apps.vue.plugins(),
      resolve: { alias: [{ find: './my-transport.js', replacement: join(dir, 'my-transport.ts') }] },
      build: { outDir: join(dir, 'dist'), emptyOutDir: true },
    });
    pages.set(`snippet ${s.id} (vue)`, `/snippets/${s.id}/dist/index.html`);
    snippetText.set(`snippet ${s.id} (vue)`, s.body);
  });
}
for (const s of snippets.filter((x) => x.lang === 'html')) {
  const dir = join(snippetDir, s.id);
  const page = /<html/i.test(s.body)
    ? s.body
    : `<!doctype html>\n<html lang="en">\n<body>\n${s.body}\n</body>\n</html>\n`;
  write(join(dir, 'index.html'), page.replace(/<html([^>]*)>/i, '<html$1><meta charset="utf-8" />'));
  const bare = [...s.body.matchAll(/(?:import|from)\s+['"]([^'"./][^'"]*)['"]/g)].length > 0;
  const hasScript = /<script/i.test(s.body);
  if (!bare) {
    for (const f of [...BUNDLE_FILES, 'sms-elements.es.js', 'memory.bundle.js'])
      if (existsSync(join(pkgDir, 'dist', f))) cpSync(join(pkgDir, 'dist', f), join(dir, f));
    write(
      join(dir, 'my-transport.js'),
      memoryTransport.replace("'sms-elements/memory'", "'./memory.bundle.js'"),
    );
    if (!hasScript) {
      // Markup only: the page loads the bundle so the tags exist, as the guide says to.
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      write(
        join(dir, 'index.html'),
        html.replace('</body>', '<script type="module" src="./sms-elements.bundle.js"></script>\n</body>'),
      );
    }
    pages.set(`snippet ${s.id} (html)`, `/snippets/${s.id}/index.html`);
    snippetText.set(`snippet ${s.id} (html)`, s.body);
  } else {
    write(join(dir, 'my-transport.js'), memoryTransport);
    await attempt(`${s.doc}: the HTML snippet builds with Vite`, async () => {
      await build({
        configFile: false,
        root: dir,
        base: './',
        logLevel: 'error',
        build: { outDir: join(dir, 'dist'), emptyOutDir: true },
      });
      pages.set(`snippet ${s.id} (html)`, `/snippets/${s.id}/dist/index.html`);
      snippetText.set(`snippet ${s.id} (html)`, s.body);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Chromium.
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = join(work, path);
  if (
    req.url === '/favicon.ico' ||
    !file.startsWith(work) ||
    !existsSync(file) ||
    statSync(file).isDirectory()
  ) {
    res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(serveOnly ? 4181 : 0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
if (serveOnly) {
  for (const [name, path] of pages) console.log(`${name.padEnd(40)} ${base}${path}`);
  console.log('Ctrl+C to stop.');
  await new Promise(() => {});
}
const browser = await launchChromium().catch((error) => {
  record('chromium', error.message);
  server.close();
  finish();
});

/** Sends "<text>" from the composer found by `composer` and waits for it in the thread and in the host's log. */
async function send(page, composer, thread, logSelector, text) {
  await page.locator(`${composer} textarea`).fill(text);
  await page.locator(`${composer} [part="send-button"]`).click();
  await page.locator(`${thread} [part="bubble"]`, { hasText: text }).first().waitFor();
  await page.locator(logSelector, { hasText: `sms-send ${text}` }).waitFor();
}
const flows = {
  async messages(page, app) {
    await page.locator('sms-messages [part="row"]').first().waitFor();
    await page.locator('sms-messages [part="row"]').nth(1).click();
    await page.locator('sms-messages sms-thread [part="bubble"]').first().waitFor();
    await send(
      page,
      'sms-messages sms-composer',
      'sms-messages sms-thread',
      app.log ?? '#log',
      `Hello from ${app.name}`,
    );
  },
  async 'own-lit'(page, app) {
    await page.locator('app-list .own-row', { hasText: 'gamma' }).waitFor();
    await flows.messages(page, app);
    const nested = await page.evaluate(
      () =>
        Object.getPrototypeOf(customElements.get('sms-virtualizer')) !==
        customElements.get('lit-virtualizer'),
    );
    if (!nested)
      throw new Error('sms-elements and the app share one virtualizer copy: the nested case is not tested');
    const lits = await page.evaluate(() => globalThis.litElementVersions?.length ?? 0);
    if (lits !== 1)
      throw new Error(`${lits} copies of Lit loaded; the app and sms-elements should share one`);
  },
  async sidebar(page, app) {
    await page.locator('sms-thread [part="bubble"]').first().waitFor();
    await send(page, 'sms-composer', 'sms-thread', '#log', `Hello from ${app.name}`);
  },
};
for (const [name, path] of pages) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ResizeObserver loop/.test(m.text()))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  const app = apps[name];
  const what = app
    ? 'the list renders, a chat opens, a message sends'
    : 'runs without an error; its sms-* tags are defined';
  await attempt(`${name}: ${what}`, async () => {
    await page.goto(base + path, { waitUntil: 'load' });
    if (app) await flows[app.flow](page, { ...app, name });
    else {
      await page.waitForTimeout(300);
      const undefinedTags = await page.evaluate(() =>
        [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))].filter(
          (t) => t.startsWith('sms-') && !customElements.get(t),
        ),
      );
      if (undefinedTags.length) throw new Error(`not defined: ${undefinedTags.join(', ')}`);
      // A snippet that gives <sms-messages> a client shows its conversations.
      if (/client\s*=/.test(snippetText.get(name) ?? '') && (await page.locator('sms-messages').count()))
        await page.locator('sms-messages [part="row"]').first().waitFor();
    }
    if (problems.length) throw new Error(problems.join('\n'));
  });
  await page.close();
}
await browser.close();
server.close();
finish();
