import type { Message, MessageFailure } from '../model/message.js';
import { toTransportError } from '../transport/errors.js';
import type { Transport } from '../transport/transport.js';
import type { Action } from './actions.js';

/** Automatic retry of sends that failed for a retryable reason (and the backoff of reads retried while online). */
export interface RetryOptions {
  /** First delay; doubles each attempt (default 1 000 ms). */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts (default 30 000 ms). */
  readonly maxDelayMs?: number;
  /** After this long since it was written, a message is marked failed and waits for the user (default 15 min). */
  readonly windowMs?: number;
}

interface Entry {
  readonly message: Message;
  /**
   * Placed: committed to the durable outbox, its place known, and what other tabs committed
   * before it enqueued here (see `earlier`). No attempt is made before; while a message of the
   * conversation has no known place, none of the conversation's is attempted (decision 0028).
   */
  durable: boolean;
  /** The conversation id the message was written under (may be provisional). */
  conversationId: string;
  readonly since: number;
  /** Its place in the order of sends shared by all tabs; unknown until it is durable (no cache: never). */
  order: number | undefined;
  /** Arrival here, the last tie-breaker. */
  readonly seq: number;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: AbortController | null;
}

interface OutboxOptions {
  readonly transport: Transport;
  readonly now: () => number;
  readonly retry: RetryOptions | undefined;
  readonly dispatch: (action: Action) => void;
  readonly onAcknowledged: (message: Message, conversationId: string) => void;
  readonly onFailed: (message: Message) => void;
  readonly getMessage: (conversationId: string, clientId: string) => Message | undefined;
  /**
   * Commits a message to durable storage before its first attempt; resolves with its order
   * (the given one, or the next of the order shared by all tabs).
   */
  readonly persist?: (
    message: Message,
    conversationId: string,
    since: number,
    order: number | undefined,
  ) => Promise<number | undefined>;
  /** Removes it once acknowledged or cancelled. */
  readonly forget?: (clientId: string) => Promise<void>;
  /**
   * The messages of a conversation that another tab committed before `order` and this outbox
   * has not been given yet (a follower's hand-over still on its way, or lost with its tab):
   * read once each message's place is durable, whoever gave it (a new send, a hand-over, a
   * restored record), so that message never overtakes what was written before it.
   */
  readonly earlier?: (
    conversationId: string,
    order: number,
  ) => Promise<readonly { message: Message; since: number; order: number }[]>;
}

/**
 * Sends messages one conversation at a time, in the order they were written, retrying
 * retryable failures with exponential backoff and jitter; the client id is the idempotency
 * key of every attempt. Different conversations never wait for each other.
 */
export class Outbox {
  readonly #options: OutboxOptions;
  readonly #queues = new Map<string, Entry[]>();
  #destroyed = false;
  #held = 0;
  #seq = 0;

  constructor(options: OutboxOptions) {
    this.#options = options;
  }

  get #baseDelay(): number {
    return this.#options.retry?.baseDelayMs ?? 1000;
  }

  get #maxDelay(): number {
    return this.#options.retry?.maxDelayMs ?? 30_000;
  }

  get #window(): number {
    return this.#options.retry?.windowMs ?? 15 * 60_000;
  }

  /**
   * Adds a message to its conversation's queue in send order, commits it to durable storage,
   * and starts sending once it is committed and first in line. `since` (when it was written)
   * and `order` (its place in the order shared by all tabs) are given for messages restored
   * after a reload or handed over by another tab; a new message gets the next order.
   */
  enqueue(message: Message, since: number = this.#options.now(), order?: number): Promise<void> {
    if (this.#destroyed || message.clientId === undefined) return Promise.resolve();
    const key = message.conversationId;
    const queue = this.#queues.get(key) ?? [];
    if (queue.some((e) => e.message.clientId === message.clientId)) return Promise.resolve();
    const entry: Entry = {
      message,
      durable: false,
      conversationId: key,
      since,
      order,
      seq: ++this.#seq,
      attempts: 0,
      timer: null,
      inFlight: null,
    };
    queue.push(entry);
    this.#queues.set(key, queue);
    this.#sort(queue);
    const committed = this.#options.persist?.(message, key, since, order) ?? Promise.resolve(order);
    return committed
      .catch(() => order)
      .then(async (given) => {
        // Orders are given in the outbox's read-write transactions, one after the other: every
        // message with a lower place was committed before this one was, so a read now sees it
        // (a hand-over from another tab may still be on its way, or never come).
        if (given !== undefined && this.#options.earlier) {
          const earlier = await this.#options.earlier(entry.conversationId, given).catch(() => []);
          for (const e of earlier) void this.enqueue(e.message, e.since, e.order);
        }
        entry.durable = true;
        entry.order ??= given;
        const current = this.#queues.get(entry.conversationId);
        if (current) this.#sort(current);
        this.#drain(entry.conversationId);
      });
  }

  /**
   * Holds every send until {@link release} (as often as held): a tab taking over reads the
   * outbox it inherits before sending anything, so nothing handed to it jumps the line.
   */
  hold(): void {
    this.#held++;
  }

  release(): void {
    this.#held = Math.max(0, this.#held - 1);
    if (this.#held === 0) for (const key of [...this.#queues.keys()]) this.#drain(key);
  }

  /**
   * Send order: the order shared by all tabs, then the time of writing, then arrival. A message
   * already on its way keeps its place at the head.
   */
  #sort(queue: Entry[]): void {
    const start = queue[0]?.inFlight ? 1 : 0;
    const rest = queue
      .slice(start)
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.since - b.since || a.seq - b.seq);
    queue.splice(start, rest.length, ...rest);
  }

  /** The messages waiting for an acknowledgement, oldest first per conversation. */
  get pending(): Message[] {
    return [...this.#queues.values()].flatMap((q) => q.map((e) => e.message));
  }

  /** Removes a message that has not been acknowledged (the user deleted it). */
  cancel(clientId: string): void {
    for (const [key, queue] of this.#queues) {
      const at = queue.findIndex((e) => e.message.clientId === clientId);
      if (at === -1) continue;
      const [entry] = queue.splice(at, 1);
      if (entry?.timer) clearTimeout(entry.timer);
      entry?.inFlight?.abort();
      void this.#options.forget?.(clientId);
      if (queue.length === 0) this.#queues.delete(key);
      else this.#drain(key);
      return;
    }
  }

  /** Tries waiting messages now (the network came back). */
  wake(): void {
    for (const [key, queue] of this.#queues) {
      const head = queue[0];
      if (head?.timer) {
        clearTimeout(head.timer);
        head.timer = null;
        this.#drain(key);
      }
    }
  }

  /** Conversations whose provisional id was replaced by the server's. */
  #rename(from: string, to: string): void {
    const queue = this.#queues.get(from);
    if (!queue || from === to) return;
    this.#queues.delete(from);
    const existing = this.#queues.get(to) ?? [];
    for (const e of queue) e.conversationId = to;
    const merged = [...existing, ...queue];
    this.#sort(merged);
    this.#queues.set(to, merged);
  }

  #drain(key: string): void {
    const queue = this.#queues.get(key);
    const head = queue?.[0];
    if (!head || !head.durable || head.inFlight || head.timer || this.#held || this.#destroyed) return;
    // A message whose place is not known yet sorts last, but its place may come before the
    // head's (a hand-over taken while its commit ran keeps the place that commit gives it): the
    // conversation waits for it, whatever the speed of the storage (decision 0028).
    if (queue.some((e) => !e.durable && e.order === undefined)) return;
    void this.#attempt(key, head);
  }

  async #attempt(key: string, entry: Entry): Promise<void> {
    const { message } = entry;
    const clientId = message.clientId!;
    const current = this.#options.getMessage(entry.conversationId, clientId) ?? message;
    entry.attempts++;
    entry.inFlight = new AbortController();
    this.#options.dispatch({
      type: 'message/status',
      conversationId: entry.conversationId,
      messageId: current.id,
      clientId,
      status: 'sending',
      at: this.#options.now(),
    });
    try {
      const acknowledged = await this.#options.transport.sendMessage({
        clientId,
        from: message.from,
        to: message.to,
        text: message.text,
        attachmentIds: message.attachments.map((a) => a.id),
        signal: entry.inFlight.signal,
      });
      if (this.#destroyed) return;
      entry.inFlight = null;
      this.#remove(key, entry);
      void this.#options.forget?.(clientId);
      const localId = entry.conversationId;
      this.#options.onAcknowledged({ ...acknowledged, clientId }, localId);
      if (localId !== acknowledged.conversationId) this.#rename(key, acknowledged.conversationId);
      this.#drain(localId !== acknowledged.conversationId ? acknowledged.conversationId : key);
    } catch (thrown) {
      if (this.#destroyed) return;
      entry.inFlight = null;
      if (!this.#queues.get(key)?.includes(entry)) return; // cancelled meanwhile
      const error = toTransportError(thrown);
      const elapsed = this.#options.now() - entry.since;
      if (error.retryable && elapsed < this.#window) {
        // The message stays `sending` while it waits: status never moves back (store/status.ts).
        const backoff = Math.min(this.#maxDelay, this.#baseDelay * 2 ** (entry.attempts - 1));
        const jittered = backoff / 2 + Math.random() * (backoff / 2);
        const delay = Math.max(error.retryAfterMs ?? 0, jittered);
        entry.timer = setTimeout(() => {
          entry.timer = null;
          this.#drain(key);
        }, delay);
        return;
      }
      const failure: MessageFailure = error.retryable
        ? { code: 'timeout', reason: 'Not sent: the network did not answer in time.', local: true }
        : { code: error.code, reason: error.message };
      this.#options.dispatch({
        type: 'message/status',
        conversationId: entry.conversationId,
        messageId: clientId,
        clientId,
        status: 'failed',
        failure,
        at: this.#options.now(),
      });
      this.#remove(key, entry);
      const failed = this.#options.getMessage(entry.conversationId, clientId);
      if (failed) {
        // Stays in the durable outbox, marked failed, until the user retries or deletes it.
        void this.#options.persist?.(failed, entry.conversationId, entry.since, entry.order);
        this.#options.onFailed(failed);
      }
      this.#drain(key);
    }
  }

  #remove(key: string, entry: Entry): void {
    const queue = this.#queues.get(key);
    if (!queue) return;
    const at = queue.indexOf(entry);
    if (at !== -1) queue.splice(at, 1);
    if (queue.length === 0) this.#queues.delete(key);
  }

  destroy(): void {
    this.#destroyed = true;
    for (const queue of this.#queues.values()) {
      for (const e of queue) {
        if (e.timer) clearTimeout(e.timer);
        e.inFlight?.abort();
      }
    }
    this.#queues.clear();
  }
}
