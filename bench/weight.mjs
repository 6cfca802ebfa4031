// Scenario 1: the weight of the single-file bundle (at first load, and with the feature files it
// loads on first use) and of each element's own entry, gzip and
// brotli, against a floor of lit + @lit-labs/virtualizer + rxjs + idb in one minified bundle.
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'vite';
import { BUNDLE_FILES } from '../scripts/bundle-files.mjs';
import { minifyTemplatesPlugin } from '../scripts/minify-templates.mjs';

const root = resolve(import.meta.dirname, '..');

/** @param {Buffer} code */
function sizes(code) {
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
    }).length,
  };
}

const EXTERNAL = [
  /^lit(\/|$)/,
  /^@lit\//,
  /^@lit-labs\//,
  /^rxjs(\/|$)/,
  /^idb(\/|$)/,
  /^libphonenumber-js(\/|$)/,
];

/** One minified ES module from `entry`, dependencies inside unless `external`. */
async function bundle(entry, outDir, external) {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [minifyTemplatesPlugin()],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'out.js' },
      rolldownOptions: { external: external ? EXTERNAL : [], output: { codeSplitting: false, minify: true } },
    },
  });
  return readFileSync(join(outDir, 'out.js'));
}

export async function measureWeight() {
  const tmp = mkdtempSync(join(tmpdir(), 'sms-bench-weight-'));
  try {
    const bundlePath = join(root, 'dist/sms-elements.bundle.js');
    if (!existsSync(bundlePath))
      throw new Error('dist/sms-elements.bundle.js is missing: run `npm run build`.');
    // What a page loads at first, and everything it may load (the feature files next to the
    // bundle, decision 0027): each file compressed on its own, as a server sends them.
    const app = sizes(readFileSync(bundlePath));
    const files = BUNDLE_FILES.map((f) => sizes(readFileSync(join(root, 'dist', f))));
    const appTotal = {
      raw: files.reduce((s, f) => s + f.raw, 0),
      gzip: files.reduce((s, f) => s + f.gzip, 0),
      brotli: files.reduce((s, f) => s + f.brotli, 0),
    };
    const floor = sizes(await bundle(join(root, 'bench/floor.js'), join(tmp, 'floor-out'), false));
    const elements = {};
    for (const name of readdirSync(join(root, 'src/components')).sort()) {
      const entry = join(root, `src/components/${name}/${name}.define.ts`);
      if (!existsSync(entry)) continue;
      elements[name] = sizes(await bundle(entry, join(tmp, `${name}-out`), true));
    }
    return { app, appTotal, floor, elements };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
