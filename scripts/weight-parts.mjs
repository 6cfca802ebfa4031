#!/usr/bin/env node
// What each part of the single-file bundle weighs (issue 21, docs/performance.md "Weight by part"):
// builds `src/bundle.ts` as `vite build --mode bundle` does, in memory, once whole and once per
// part with that part's modules replaced by empty stand-ins (every export `undefined`), and
// prints the gzip -9 difference. Parts are given as `name=regexp` over module ids (absolute
// paths), or the default list below. `node scripts/weight-parts.mjs [name=regexp …]`
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';
import { build } from 'vite';

const DEFAULT_PARTS = {
  'phone reader': 'src/rules/phone-reader',
  'phone metadata': 'src/rules/phone-metadata',
  rxjs: 'node_modules/rxjs/',
  tslib: 'node_modules/tslib/',
  virtualizer: 'node_modules/@lit-labs/virtualizer/',
  lit: 'node_modules/(lit|lit-html|lit-element|@lit/reactive-element)/',
  idb: 'node_modules/idb/',
  store: 'src/store/',
  cache: 'src/cache/',
  transport: 'src/transport/',
  rules: 'src/rules/(?!phone-metadata)',
  search: 'src/search/',
  i18n: 'src/i18n/',
  thread: 'src/components/thread/',
  composer: 'src/components/composer/',
  'media viewer': 'src/components/media-viewer/',
  list: 'src/components/conversation-list/',
  messages: 'src/components/messages/',
};

await init;
const args = process.argv.slice(2).filter((a) => a.includes('='));
const parts = args.length
  ? Object.fromEntries(args.map((a) => a.split(/=(.*)/s).slice(0, 2)))
  : DEFAULT_PARTS;

function stub(pattern) {
  const re = new RegExp(pattern);
  return {
    name: 'stub-part',
    enforce: 'post',
    transform(code, id) {
      if (!re.test(id)) return null;
      const [, exports] = parse(code);
      const names = exports.map((e) => e.n).filter(Boolean);
      const lines = names.map((n, i) =>
        n === 'default'
          ? `export default void 0;`
          : `const s${i} = void 0; export { s${i} as ${JSON.stringify(n)} };`,
      );
      // `export * from` statements carry names the lexer does not list: keep them.
      const stars = code.match(/export\s*\*\s*(?:as\s+[\w$]+\s*)?from\s*['"][^'"]+['"]/g) ?? [];
      return { code: [...stars, ...lines].join(';\n'), map: null };
    },
  };
}

async function bundleSize(extraPlugins) {
  const output = await build({
    configFile: 'vite.config.ts',
    mode: 'bundle',
    logLevel: 'silent',
    plugins: extraPlugins,
    build: { write: false },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const code = chunks.filter((c) => c.type === 'chunk');
  const gzip = (text) => gzipSync(text, { level: 9 }).length / 1024;
  const main = code.find((c) => c.isEntry)?.code ?? '';
  // Parts are measured on the whole (every file as one text), as before decision 0027.
  const all = code.map((c) => c.code).join('');
  return {
    gzip: gzip(all),
    raw: all.length / 1024,
    firstGzip: gzip(main),
    filesGzip: code.reduce((sum, c) => sum + gzip(c.code), 0),
  };
}

const whole = await bundleSize([]);
console.log(
  `whole bundle: ${whole.gzip.toFixed(1)} KB gzip, ${whole.raw.toFixed(1)} KB minified; ` +
    `at first load (sms-elements.bundle.js) ${whole.firstGzip.toFixed(1)} KB gzip, ` +
    `every file compressed on its own ${whole.filesGzip.toFixed(1)} KB`,
);
for (const [name, pattern] of Object.entries(parts)) {
  const without = await bundleSize([stub(pattern)]);
  console.log(
    `${name.padEnd(20)} ${(whole.gzip - without.gzip).toFixed(1).padStart(6)} KB gzip ` +
      `${(whole.raw - without.raw).toFixed(1).padStart(7)} KB minified`,
  );
}
