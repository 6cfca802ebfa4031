import fc from 'fast-check';
import { testEnv } from '../helpers/test-env.js';
import { Network, Reload, runOutboxModel, Send } from './outbox-model.js';

/**
 * The outbox under a faulty network, as a model-based test: random sends from one or two tabs
 * of one account (two tabs share BroadcastChannel, Web Locks and one IndexedDB, as in a
 * browser), outages and reloads of either tab (a reload of the leading tab hands the lead
 * over), over a transport that drops requests, loses answers, duplicates requests and events
 * and reorders events. On demand only for now (`npm run test:outbox-model`; OUTBOX_MODEL_RUNS,
 * OUTBOX_MODEL_SEED, OUTBOX_MODEL_PATH: see docs/testing.md): it still finds, now and then, a
 * stale status in a tab after several reloads, so it is not yet part of `npm test`, where the
 * one-tab run (chaos.test.ts) stays.
 */

const RUNS = Number(testEnv('OUTBOX_MODEL_RUNS') ?? 12);
const SEED = Number(testEnv('OUTBOX_MODEL_SEED') ?? 20261125);
/** Replays one failure: the `path` fast-check printed with its seed. */
const PATH = testEnv('OUTBOX_MODEL_PATH');

describe('outbox under a faulty network, in one tab and two (model-based)', function () {
  this.timeout(Math.max(180_000, RUNS * 15_000));
  it('delivers every message once, in order per chat across leader changes, with no status going back, no stale status in any tab and no false beginning of the conversation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 }),
        fc.commands(
          [
            fc
              .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }))
              .map(([c, t]) => new Send(c, t)),
            fc.boolean().map((b) => new Network(b)),
            fc.integer({ min: 0, max: 1 }).map((t) => new Reload(t)),
          ],
          { maxCommands: 14 },
        ),
        fc.integer({ min: 1, max: 1_000_000 }),
        (tabCount, commands, seed) => runOutboxModel(tabCount, commands, seed),
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
    );
  });
});
