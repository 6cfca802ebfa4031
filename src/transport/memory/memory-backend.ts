import type { Account } from '../../model/account.js';
import type { Message } from '../../model/message.js';
import { TransportError } from '../errors.js';
import type { RequestOptions, TransportEvent } from '../transport.js';
import { demoVideoReady } from './media.js';
import { MemoryTransport } from './memory-transport.js';
import { MAIN_ACCOUNT_ID, makeSeed } from './seed.js';
import { MemoryState, clamp01 } from './state.js';
import { receive } from './inbound.js';
import type { MemoryBackendOptions, InboundOptions, InjectedFailure, MemoryHandlers } from './types.js';
import { makeHandlers } from './handlers.js';
import { loadAccount } from './seed-data.js';

export type { InboundOptions, InjectedFailure, MemoryBackendOptions, MemoryHandlers } from './types.js';

/**
 * An in-memory texting server for the demo, stories and tests, that behaves like a real one:
 *
 * - **Latency** on every request (real timers); every request honours its `AbortSignal`.
 * - **Paging**: conversations newest activity first with keyset cursors on
 *   `(updatedAt desc, id asc)` of the last row — a conversation that moves to the top between
 *   two pages sorts before the cursor, so later pages neither repeat it nor skip the others
 *   (it is not on the later pages: the client learns of it from the `message.created` event).
 *   Messages are numbered per conversation (`seq`, never reused); `before`/`after` cursors hold
 *   a `seq`, so they stay valid while messages arrive or are deleted. Pages are oldest first;
 *   `around` answers the page holding a message (a huge thread is made, not paged through).
 * - **Search** (`searchMessages`): folded word prefixes or a number's digits over every message
 *   of the account (the rules of `../search-match.ts`), newest first, keyset cursor on
 *   `(createdAt, id)`.
 * - **Sends** are idempotent by `clientId` (also after a lost acknowledgement), validated with
 *   the same rules as the client (`src/rules`: numbers, MMS limits, toll-free SMS-only, file
 *   types by content), and move `queued → sent → delivered` (or `failed`) over time.
 * - **Uploads** report progress in proportion to their size, and can be aborted.
 * - **Inbound** texts on demand ({@link MemoryBackend.receive}) or on a timer
 *   ({@link MemoryBackend.startDemo}); STOP/START keywords opt the sender out and in.
 * - **Failure injection**: offline, failing sends, lost acknowledgements, rate limits, carrier
 *   failures.
 * - **Accounts** are isolated; every connected transport of an account gets its events
 *   (asynchronously, with an increasing numeric `eventId`). While offline, events are dropped,
 *   as a real push channel would: clients catch up when `online` comes.
 *
 * Every answer is a copy: callers can't change the server's state by mutating what they get.
 *
 * @example
 * ```ts
 * const backend = new MemoryBackend({ seed: 7 });
 * const client = createMessagesClient({ transport: backend.connect(backend.accounts[0].id) });
 * backend.startDemo({ intervalMs: 20_000 }); // a text now and then
 * backend.setOffline(true); // see the offline notice
 * ```
 */
export class MemoryBackend {
  /** The state and internals the resources share (`state.ts`); private: nothing outside looks inside. */
  readonly #state: MemoryState;
  #demoTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: MemoryBackendOptions = {}) {
    this.#state = new MemoryState(options);
    const seed = options.seed ?? 1;
    const accounts = makeSeed({
      seed,
      conversations: options.conversations,
      messagesPerConversation: options.messagesPerConversation,
      contacts: options.contacts,
      hugeThread: options.hugeThread,
      now: this.#state.now(),
    });
    for (const account of accounts)
      this.#state.data.set(account.account.id, loadAccount(this.#state, account));
    // Record the demo video now (once per page, in browsers), so it is ready when first shown.
    if (typeof document !== 'undefined') void demoVideoReady();
  }

  /**
   * The accounts (copies): the first has texting numbers (two local, one toll-free), the
   * second has none (the "Oops" state).
   */
  get accounts(): Account[] {
    return [...this.#state.data.values()].map((d) => structuredClone(d.account));
  }

  /** Whether the simulated network is down. */
  get offline(): boolean {
    return this.#state.offline;
  }

  /**
   * A transport signed in to one account, like a browser tab. Connect several to the same
   * account to model several tabs or devices: all get the account's events.
   * Throws for an unknown account id.
   */
  connect(accountId: string): MemoryTransport {
    if (!this.#state.data.has(accountId)) throw new Error(`MemoryBackend: there is no account ${accountId}.`);
    return new MemoryTransport(this, accountId);
  }

  /**
   * Takes the network down (every request rejects with `network`; subscribers get
   * `{ type: 'connection', state: 'offline' }` and no other events) or brings it back
   * (`state: 'online'`).
   */
  setOffline(offline: boolean): void {
    if (this.#state.offline === offline) return;
    this.#state.offline = offline;
    for (const data of this.#state.data.values()) {
      for (const listener of data.listeners) {
        this.#state.later(() => {
          if (data.listeners.has(listener))
            listener({ type: 'connection', state: offline ? 'offline' : 'online' });
        });
      }
    }
  }

  /**
   * The next `count` sends fail before the server stores anything: `network` (the default)
   * as if the request never arrived, or another kind as if the server refused it.
   */
  failNextSends(count: number, kind: InjectedFailure = 'network'): void {
    this.#state.failSends = { count: Math.max(0, count), kind };
  }

  /**
   * The next `count` sends are stored (and pushed as events), but their answer is lost: the
   * caller sees a `network` error. Retrying with the same `clientId` returns the stored message.
   */
  loseNextAcks(count: number): void {
    this.#state.loseAcks = Math.max(0, count);
  }

  /** Every request rejects as `rate-limited` (with `retryAfterMs`) for `ms` from now; 0 ends it. */
  rateLimit(ms: number): void {
    this.#state.rateLimitUntil = ms > 0 ? Date.now() + ms : 0;
  }

  /**
   * The next `count` requests (of any account) reject as `rate-limited` with `retryAfterMs`, as
   * a server answering 429 would; the requests after them are answered again.
   */
  rateLimitNext(count = 1, retryAfterMs = 1000): void {
    this.#state.rateLimitNext = { count: Math.max(0, count), retryAfterMs: Math.max(1, retryAfterMs) };
  }

  /** Share (0–1) of later outbound messages the carrier fails (`failed`, code `carrier-rejected`). */
  setCarrierFailureRate(rate: number): void {
    this.#state.carrierFailureRate = clamp01(rate);
  }

  /**
   * Delivers an inbound text, as if a person texted the account: the conversation (found or
   * created) gets one more unread message and moves to the top, and subscribers get
   * `message.created`. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT (any case, trimmed)
   * opt the sender out of texts from that own number; START or UNSTOP opt them back in — each
   * conversation concerned gets `optedOut` updated and a `conversation.updated` event.
   * Works while offline (the server receives; only the push is lost). Resolves with a copy of
   * the message; throws an `Error` for options that make no sense (unknown account, no number).
   */
  async receive(options: InboundOptions = {}): Promise<Message> {
    return receive(this.#state, options);
  }

  /**
   * Demo mode: an inbound text every `intervalMs` (default 20 s) from a recent contact,
   * sometimes in a group, sometimes with a photo. Skipped while offline.
   */
  startDemo({ intervalMs = 20_000 }: { intervalMs?: number } = {}): void {
    this.stopDemo();
    this.#demoTimer = setInterval(() => {
      if (this.#state.offline) return;
      const main = [...this.#state.data.values()].find((d) => d.account.numbers.length > 0);
      const groups = main
        ? [...main.conversations.values()]
            .filter((c) => c.conversation.participants.length > 1)
            .sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt)
        : [];
      const group = this.#state.rnd() < 0.2 ? groups[0] : undefined;
      void this.receive({
        ...(group ? { conversationId: group.conversation.id } : {}),
        withAttachment: this.#state.rnd() < 0.2,
      });
    }, intervalMs);
  }

  /** Ends demo mode. */
  stopDemo(): void {
    clearInterval(this.#demoTimer);
    this.#demoTimer = undefined;
  }

  /** Stops every timer, drops every listener and revokes the object URLs of uploads. */
  dispose(): void {
    this.#state.disposed = true;
    this.stopDemo();
    for (const t of this.#state.timers) clearTimeout(t);
    this.#state.timers.clear();
    for (const t of this.#state.scheduleTimers.values()) clearTimeout(t);
    this.#state.scheduleTimers.clear();
    for (const data of this.#state.data.values()) data.listeners.clear();
    for (const url of this.#state.objectUrls) URL.revokeObjectURL(url);
    this.#state.objectUrls.clear();
  }

  /**
   * Runs one request of `accountId` like a server would: waits the latency (rejecting with
   * `aborted` as soon as the signal fires), refuses it while offline (`network`) or rate-limited,
   * then answers from the account's data. Used by {@link MemoryTransport}.
   */
  async handle<K extends keyof MemoryHandlers>(
    accountId: string,
    method: K,
    request: Parameters<MemoryHandlers[K]>[0],
  ): Promise<Awaited<ReturnType<MemoryHandlers[K]>>> {
    const signal = (request as RequestOptions | undefined)?.signal;
    await this.#state.sleep(this.#state.latency(), signal);
    if (this.#state.offline) throw new TransportError('network', 'The network is unreachable.');
    const wait = this.#state.rateLimitUntil - Date.now();
    if (wait > 0) throw new TransportError('rate-limited', 'Too many requests.', { retryAfterMs: wait });
    if (this.#state.rateLimitNext.count > 0) {
      this.#state.rateLimitNext.count--;
      const { retryAfterMs } = this.#state.rateLimitNext;
      throw new TransportError('rate-limited', 'Too many requests.', { retryAfterMs });
    }
    const data = this.#state.data.get(accountId);
    if (!data) throw new TransportError('auth', 'Not signed in.');
    data.handlers ??= makeHandlers(this.#state, data);
    const handler = data.handlers[method] as (r: typeof request) => ReturnType<MemoryHandlers[K]>;
    return (await handler.call(data.handlers, request ?? {})) as Awaited<ReturnType<MemoryHandlers[K]>>;
  }

  /** Adds a listener of one account's events; returns the function that removes it. */
  subscribe(accountId: string, listener: (event: TransportEvent) => void): () => void {
    const data = this.#state.data.get(accountId);
    if (!data) return () => undefined;
    // A fresh wrapper, so the same function subscribed twice is two subscriptions.
    const wrapper = (event: TransportEvent) => listener(event);
    data.listeners.add(wrapper);
    return () => {
      data.listeners.delete(wrapper);
    };
  }
}

/** Creates the in-memory demo backend; see {@link MemoryBackend}. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  return new MemoryBackend(options);
}

/** Options of {@link createMemoryTransport}: the backend's, and which account to sign in to. */
export interface MemoryTransportOptions extends MemoryBackendOptions {
  /** The account (default: the main demo account, which has numbers). */
  readonly accountId?: string;
}

/**
 * A transport over a new {@link MemoryBackend}, signed in to one account: the shortest way to a
 * working demo. The backend is at `transport.backend` (inject failures, receive texts, dispose).
 *
 * @example
 * ```ts
 * const transport = createMemoryTransport({ seed: 7 });
 * const client = createMessagesClient({ transport });
 * transport.backend.startDemo();
 * ```
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  return new MemoryBackend(options).connect(options.accountId ?? MAIN_ACCOUNT_ID);
}
