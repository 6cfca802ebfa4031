/** The in-page half of `npm run bench`: the driver (bench/run.mjs) calls `window.bench.*`. */
import { clear } from './util.js';
import { older, open, scroll } from './thread.js';
import { list } from './list.js';
import { cold, fill, rawRead, writeFloor } from './cache.js';
import { burst, send } from './live.js';
import { jump } from './jump.js';
import { search } from './search.js';

const scenarios = { open, scroll, older, list, fill, cold, rawRead, writeFloor, burst, send, jump, search };

declare global {
  interface Window {
    bench: typeof scenarios & { clear: typeof clear; ready: true };
  }
}

window.bench = { ...scenarios, clear, ready: true };
