// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { referenceServerPlugin } from './server/wtr-plugin.mjs';
import { wheelPlugin } from './test/helpers/wheel-plugin.mjs';
import { bundleFilesMiddleware } from './test/helpers/bundle-files-middleware.mjs';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: run `apt-get install -y chromium` (or set CHROME_PATH).');
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  // The on-demand outbox model (npm run test:outbox-model) is one test as long as its runs.
  testsFinishTimeout: Math.max(180_000, Number(process.env.OUTBOX_MODEL_RUNS ?? 0) * 15_000 + 60_000),
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 10_000 } },
  // The built single file and its feature files, as a static host serves them (decision 0027).
  middleware: [bundleFilesMiddleware],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // Starts the reference HTTP server only when a test asks (test/transport/http-e2e.test.ts).
    referenceServerPlugin(),
    // sendWheel() of test/helpers/wheel.ts: the real mouse wheel.
    wheelPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /></head>
  <body>
    <script>
      // Settings of the long on-demand runs (test/helpers/test-env.ts).
      window.__smsTestEnv = ${JSON.stringify(
        Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OUTBOX_MODEL_'))),
      ).replace(/</g, '\\u003c')};
      // @lit-labs/virtualizer can trigger this benign browser notice; mocha would count it as a failure.
      window.addEventListener('error', (e) => {
        if (String(e.message).startsWith('ResizeObserver loop')) e.stopImmediatePropagation();
      }, true);
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
