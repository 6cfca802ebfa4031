import type { Transport } from '../transport.js';

/**
 * Hooks into the backend, for what the suite cannot cause through the transport. Every hook the
 * suite needs is required: a test whose hook is missing fails and names it.
 */
export interface ConformanceHooks {
  /**
   * Makes the backend receive a text, as if the person at `from` texted the account's own number
   * `to`. Resolve once the backend has stored it (its `message.created` may come later).
   * Needed by the inbound and opt-out tests.
   */
  receive?(from: string, text: string, to: string): Promise<void>;
  /**
   * Makes the backend refuse the next request of this account as rate limited (HTTP 429 or your
   * protocol's equivalent, with a retry delay); the request after it must succeed again.
   * Needed by the rate-limit test.
   */
  rateLimitNext?(): Promise<void> | void;
  /**
   * Drops this account's push connections, as a network change, a proxy timeout or a server
   * restart would (with an HTTP backend: end the event streams). The transport must come back by
   * itself: later events reach the same subscribers, and `connection` events, if it sends them,
   * end with `online`. Needed by the reconnect test.
   */
  dropPushConnection?(): Promise<void> | void;
  /**
   * A second transport signed in to the same account, like another tab or device (with an HTTP
   * backend: another transport with the same token). Needed by the tests of events, which must
   * reach every session of the account. The suite does not dispose it: `dispose` should.
   */
  connectSecondSession?(): Transport | Promise<Transport>;
  /**
   * A transport signed in to another account of the same backend (it needs no number). Needed by
   * the search isolation test, when the transport has `searchMessages`: the other account must
   * never find this account's messages. The suite does not dispose it: `dispose` should.
   */
  connectOtherAccount?(): Transport | Promise<Transport>;
  /** Called after each test, also when it failed: close transports and connections, stop servers. */
  dispose?(): Promise<void> | void;
}

/** What the conformance suite tests: a transport, and hooks into its backend. */
export interface ConformanceSubject {
  /**
   * A transport signed in to the test account. The account needs two texting numbers that are
   * not toll-free (at least one with MMS), one toll-free number, and contacts (see
   * `docs/transport.md#the-fixture`); the suite makes its conversations itself.
   */
  readonly transport: Transport;
  readonly hooks?: ConformanceHooks;
}

/** Options of {@link runTransportConformance}. */
export interface ConformanceOptions {
  /** Name of the `describe` block (default "transport conformance"). */
  readonly name?: string;
  /** How long to wait for a pushed event, in ms (default 5 000). Keep it under the runner's test timeout. */
  readonly eventTimeoutMs?: number;
  /**
   * How long to keep listening after the events a test waits for, in ms, to catch events that
   * must not come (a status going back, an event after unsubscribing). Default 200.
   */
  readonly settleMs?: number;
  /**
   * Six different numbers the backend accepts as recipients from every own number, that never
   * text back on their own and are not own numbers (default `+12025550143` to `+12025550148`,
   * fictional). The suite texts them, makes groups of them, and has the sixth reply STOP and START.
   */
  readonly recipients?: readonly string[];
  /** @deprecated Use `recipients`; replaces its first entry. */
  readonly recipient?: string;
  /** @deprecated Use `recipients`; replaces its second entry. */
  readonly secondRecipient?: string;
}
