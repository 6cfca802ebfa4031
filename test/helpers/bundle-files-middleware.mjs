// @ts-check
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const PREFIX = '/bundle-under-test/';

/**
 * Serves the built single file and its feature files (decision 0027) under `/bundle-under-test/`,
 * from `dist/` (`npm run build` first), before the dev server's own handling (no transform, no
 * cache: as a plain static host sends them). For test/bundle/lazy-features.test.ts.
 *
 * @type {import('koa').Middleware}
 */
export async function bundleFilesMiddleware(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  const name = ctx.path.slice(PREFIX.length);
  const file = resolve('dist', name);
  ctx.set('cache-control', 'no-store');
  if (!/^[\w.-]+\.js$/.test(name) || !existsSync(file)) {
    ctx.status = 404;
    ctx.body = 'not found';
    return undefined;
  }
  ctx.type = 'text/javascript';
  ctx.body = readFileSync(file, 'utf8');
  return undefined;
}
