import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig } from 'vite';
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs';

const root = import.meta.dirname;

/** Library entry points: the API, the define modules, the demo backend and the conformance suite. */
function libraryEntries(): Record<string, string> {
  const entries: Record<string, string> = {
    index: 'src/index.ts',
    define: 'src/define.ts',
    memory: 'src/transport/memory/index.ts',
    http: 'src/transport/http/index.ts',
    conformance: 'src/transport/conformance.ts',
    // `sms-elements/bundle` under Node (SSR, test runners): the same API and registrations, importable
    // there because Lit's Node build stands in for the DOM; browsers get the single file.
    bundle: 'src/bundle.ts',
    // Spanish, opt in (decision 0016): `import 'sms-elements/i18n/es'` registers it.
    'i18n/es': 'src/i18n/es.ts',
  };
  for (const name of readdirSync(resolve(root, 'src/components'))) {
    const file = `src/components/${name}/${name}.define.ts`;
    if (existsSync(resolve(root, file))) entries[`components/${name}/${name}.define`] = file;
  }
  return Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(resolve(root, f))));
}

const external = [/^lit(\/|$)/, /^@lit\//, /^@lit-labs\//, /^rxjs(\/|$)/, /^idb(\/|$)/];

export default defineConfig(({ command, mode }) => {
  if (command === 'serve' || mode === 'demo') {
    // `npm start`: the demo portal with the built-in demo backend.
    return {
      root: resolve(root, 'demo'),
      server: { port: 5173, strictPort: false, host: 'localhost' },
      build: { outDir: resolve(root, 'dist/demo'), emptyOutDir: true },
    };
  }
  if (mode === 'memory-bundle') {
    // The demo backend in one file, for plain pages next to the bundle (no import map needed).
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: { entry: 'src/transport/memory/index.ts', formats: ['es'], fileName: () => 'memory.bundle.js' },
        rolldownOptions: { output: { codeSplitting: false, minify: true } },
      },
    };
  }
  if (mode === 'bundle-es') {
    // The Spanish table next to the single file (decision 0016): plain data, no import;
    // `registerTranslation('es', es)` from the bundle registers it.
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: { entry: 'src/i18n/es-table.ts', formats: ['es'], fileName: () => 'sms-elements.es.js' },
        rolldownOptions: { output: { codeSplitting: false, minify: true } },
      },
    };
  }
  if (mode === 'bundle') {
    // One file to load, every dependency inside, for `<script type="module" src="sms-elements.bundle.js">`.
    return {
      plugins: [minifyTemplatesPlugin()],
      // RxJS's ES2015 build (its `es2015` export condition) instead of its ES5 one: classes instead
      // of tslib's `__extends` helpers, 1.6 KB gzip less for the same code (docs/performance.md).
      resolve: { conditions: ['es2015', ...defaultClientConditions] },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        // No map: it would be three times the bundle. The npm modules carry maps with their sources.
        sourcemap: false,
        target: 'es2022',
        lib: { entry: 'src/bundle.ts', formats: ['es'], fileName: () => 'sms-elements.bundle.js' },
        // The features loaded on first use (decision 0027) are files of their own next to it,
        // `sms-elements.media.js` and `sms-elements.search.js`, imported relative to the bundle's
        // own URL; nothing else is split off (`scripts/check-weight.mjs` fails on any other file;
        // scripts/bundle-files.mjs lists them).
        // `allow-extension`: the bundle also exports, under short names, what the two files share with it
        // (otherwise the shared code would be split into further files loaded at first paint).
        rolldownOptions: {
          preserveEntrySignatures: 'allow-extension',
          output: { minify: true, chunkFileNames: 'sms-elements.[name].js' },
        },
      },
    };
  }
  // The npm package: one module per source file, dependencies left to the host's bundler.
  return {
    plugins: [minifyTemplatesPlugin()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      minify: false,
      sourcemap: true,
      target: 'es2022',
      lib: { entry: libraryEntries(), formats: ['es'] },
      rolldownOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  };
});
