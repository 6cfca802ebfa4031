// @ts-check
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Serves the built single file and its feature files (decision 0027) under `/bundle-under-test/`,
 * from `dist/` (`npm run build` first), and a command that takes the feature files off the server
 * (a 404, as when they were not copied or the network is gone) or puts them back:
 * `executeServerCommand('bundle-feature-files', { available: false })`. For
 * test/bundle/lazy-features.test.ts.
 *
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function bundleFilesPlugin() {
  let available = true;
  const prefix = '/bundle-under-test/';
  return {
    name: 'bundle-feature-files',
    serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length);
      const file = resolve('dist', name);
      if (!/^[\w.-]+\.js$/.test(name) || !existsSync(file)) return undefined;
      if (!available && /^sms-elements\.(media|search)\.js$/.test(name)) return undefined;
      return { body: readFileSync(file, 'utf8'), type: 'js' };
    },
    async executeCommand({ command, payload }) {
      if (command !== 'bundle-feature-files') return undefined;
      available = /** @type {{ available: boolean }} */ (payload).available;
      return true;
    },
  };
}
