// Vite aliases that make `import … from 'sms-elements'` (and its subpaths) resolve to this
// repository's build in dist/, following the "exports" map of the root package.json — what an
// app gets from `npm install sms-elements`. Run `npm run build` in the repository root first.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { name, exports } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

/** @returns {{ find: RegExp, replacement: string }[]} */
export function smsElementsAlias() {
  return Object.entries(exports).map(([subpath, target]) => {
    const file = typeof target === 'string' ? target : target.default;
    const specifier = name + subpath.slice(1); // '.' → 'sms-elements', './memory' → 'sms-elements/memory'
    const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace('\\*', '(.+)');
    return { find: new RegExp(`^${escaped}$`), replacement: resolve(root, file).replace('*', '$1') };
  });
}
