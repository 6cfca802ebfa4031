// The transport conformance suite (`sms-elements/conformance`): the entry point integrators import.
// Each area of the contract is in `conformance/` (one file an area); this file reads the runner's
// globals and registers the areas in order.
import { accountConformance } from './conformance/account.js';
import { changesConformance } from './conformance/changes.js';
import { contactsConformance } from './conformance/contacts.js';
import { eventsConformance } from './conformance/events.js';
import { messagesConformance } from './conformance/messages.js';
import { robustnessConformance } from './conformance/robustness.js';
import { savedRepliesConformance } from './conformance/saved-replies.js';
import { scheduledConformance } from './conformance/scheduled.js';
import { searchConformance } from './conformance/search.js';
import { makeSuite } from './conformance/suite.js';
import type { It } from './conformance/suite.js';
import type { ConformanceOptions, ConformanceSubject } from './conformance/types.js';
import { uploadsConformance } from './conformance/uploads.js';

export type { ConformanceHooks, ConformanceOptions, ConformanceSubject } from './conformance/types.js';

type Describe = (name: string, body: () => void) => void;

/**
 * Registers a suite of tests that checks a {@link Transport} against the contract in
 * `docs/transport.md`. It uses only the global `describe` and `it` (mocha, web-test-runner,
 * node:test, vitest, jest) and no assertion library: a failed check throws an `Error` whose
 * message starts with "Transport conformance:" and says what the contract expects. A test that
 * cannot run because the fixture or a hook is missing fails too, with "cannot run this test:" and
 * what to provide — the suite never passes a test it could not run.
 *
 * `makeSubject` is called once per test (so each test may get a fresh backend, or share one);
 * `hooks.dispose` is called after each test, also when it failed. The account needs two texting
 * numbers that are not toll-free (one with MMS), a toll-free number, and contacts with names of
 * at least three letters; the suite creates the conversations it pages, sends, groups and deletes
 * itself, by texting `options.recipients`. Events are checked on a second session of the account
 * (`hooks.connectSecondSession`); inbound texts and opt-outs need `hooks.receive`; the
 * `rate-limited` kind needs `hooks.rateLimitNext`; reconnecting needs `hooks.dropPushConnection`.
 * `listMessages({ around })` is always checked; the optional `searchMessages` is checked when the
 * transport has it, and then search isolation needs `hooks.connectOtherAccount`. The optional
 * saved replies (`listSavedReplies`, and `saveSavedReply` with `deleteSavedReply`) are checked when
 * the transport has them; their isolation between accounts needs `hooks.connectOtherAccount` too.
 *
 * A subscription is expected to be live once a request made on the same transport after
 * `subscribe()` has resolved: the suite subscribes, calls `getAccount()`, and only then causes
 * the events it waits for.
 *
 * @param makeSubject Gives the transport to test and the hooks into its backend, for each test.
 * @param options Suite name, event timeouts and recipients.
 *
 * @example
 * ```ts
 * import { runTransportConformance } from 'sms-elements/conformance';
 * import { createRestTransport } from '../src/rest-transport.js';
 *
 * runTransportConformance(async () => {
 *   const server = await startTestServer(); // your backend, seeded with the fixture
 *   const sessions: RestTransport[] = [];
 *   const connect = () => {
 *     const t = createRestTransport(server.url, () => 'test-token');
 *     sessions.push(t);
 *     return t;
 *   };
 *   return {
 *     transport: connect(),
 *     hooks: {
 *       receive: (from, text, to) => server.inbound({ from, text, to }),
 *       rateLimitNext: () => server.faults({ rateLimitNext: 1 }),
 *       dropPushConnection: () => server.faults({ dropEventStreams: true }),
 *       connectSecondSession: connect,
 *       dispose: async () => {
 *         sessions.forEach((t) => t.close());
 *         await server.stop();
 *       },
 *     },
 *   };
 * }, { name: 'REST transport', eventTimeoutMs: 3000 });
 * ```
 */
export function runTransportConformance(
  makeSubject: () => ConformanceSubject | Promise<ConformanceSubject>,
  options: ConformanceOptions = {},
): void {
  const g = globalThis as unknown as { describe?: Describe; it?: It };
  const describe = g.describe;
  const it = g.it;
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new Error('runTransportConformance needs the global describe() and it() of a test runner.');
  }
  const suite = makeSuite(makeSubject, options, it);
  describe(options.name ?? 'transport conformance', () => {
    accountConformance(suite);
    messagesConformance(suite);
    searchConformance(suite);
    eventsConformance(suite);
    uploadsConformance(suite);
    robustnessConformance(suite);
    changesConformance(suite);
    contactsConformance(suite);
    savedRepliesConformance(suite);
    scheduledConformance(suite);
  });
}
