import type { Account, OwnNumber } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message, MessageFailure } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import { checkAttachments, detectFileType, resolvePolicy } from '../../rules/index.js';
import { optOutKeyword, optedOutMessage } from '../../rules/opt-out.js';
import {
  backendCode,
  checkOutgoingContent,
  checkOutgoingRecipients,
  policyRefusal,
  textRefusal,
} from '../../rules/outgoing-message.js';
import type { AttachmentViolation, DetectedFileType, ResolvedPolicy } from '../../rules/index.js';
import { TransportError } from '../errors.js';
import { DEMO_SAVED_REPLIES, readSavedReplyInput } from '../saved-replies.js';
import { matchesSearch, parseSearchQuery, searchKeys } from '../search-match.js';
import type { SearchKeys } from '../search-match.js';
import type { TransportErrorKind } from '../errors.js';
import type {
  ConversationPage,
  ConversationRequest,
  DeleteMessageRequest,
  FindConversationRequest,
  ListConversationsRequest,
  ListMessagesRequest,
  ListScheduledRequest,
  MessagePage,
  MessageSearchPage,
  RequestOptions,
  ScheduleMessageRequest,
  ScheduledMessage,
  ScheduledRemovedReason,
  ScheduledRequest,
  SaveSavedReplyRequest,
  SavedReplyRequest,
  SearchContactsRequest,
  SearchMessagesRequest,
  SendMessageRequest,
  TransportEvent,
  UpdateScheduledRequest,
  UploadRequest,
} from '../transport.js';
import { DEMO_MEDIA, demoMedia, demoMediaUrl, demoVideoReady, readMediaInfo } from './media.js';
import type { DemoMediaKind } from './media.js';
import { afterSent, carrierFails, carrierStep, DEFAULT_DELIVERY_MS } from '../backend/carrier.js';
import { searchContacts } from '../backend/contact-search.js';
import {
  aroundWindow,
  encodeCursor,
  readKeysetCursor,
  readLimit,
  readSeqCursor,
  seqCursor,
} from '../backend/cursors.js';
import type { KeysetCursor } from '../backend/cursors.js';
import { MemoryTransport } from './memory-transport.js';
import { MAIN_ACCOUNT_ID, makeSeed, random } from './seed.js';
import type { SeedAccount, SeedConversation } from './seed.js';

/** Options of {@link MemoryBackend} (all optional). */
export interface MemoryBackendOptions {
  /**
   * Delay of every request in ms: fixed, or a random `[min, max]` range. Default `[120, 400]`,
   * like a real network; pass `0` in tests.
   */
  readonly latencyMs?: number | readonly [number, number];
  /** Seed of the generated data and of every random choice (default 1): same seed, same data. */
  readonly seed?: number;
  /** Conversations of the main account (default 300). */
  readonly conversations?: number;
  /** Messages per seeded conversation, inclusive range (default [3, 40]). */
  readonly messagesPerConversation?: readonly [number, number];
  /** Contacts of the main account (default 150). */
  readonly contacts?: number;
  /**
   * The newest conversation holds this many messages, for benchmarks (e.g. `100_000`). Its
   * messages are made when the thread is first read, not when the backend is created.
   */
  readonly hugeThread?: number;
  /** Carrier delays in ms: queued → sent, then sent → delivered/failed (default [300, 900]). */
  readonly deliveryMs?: readonly [number, number];
  /** Share (0–1) of outbound messages the carrier fails (default 0). */
  readonly carrierFailureRate?: number;
  /** Speed of simulated uploads in bytes per second (default 1 000 000). */
  readonly uploadBytesPerSecond?: number;
  /** The clock for timestamps (default `Date.now`); timers are always real. */
  readonly now?: () => number;
}

/** What {@link MemoryBackend.receive} takes; everything is optional. */
export interface InboundOptions {
  /** Account that receives (default: the first account with a texting number). */
  readonly accountId?: string;
  /** A conversation to receive in (e.g. a group): `from` defaults to one of its participants. */
  readonly conversationId?: string;
  /** Sender, E.164 (default: a participant of a recent one-to-one conversation). */
  readonly from?: string;
  /** Own number that receives (default: the conversation's, or the account's first number). */
  readonly to?: string;
  /** Text (default: a friendly line; empty when there are attachments). */
  readonly text?: string;
  /** Attachments to include (e.g. returned by `uploadAttachment`). */
  readonly attachments?: readonly Attachment[];
  /** Demo files to attach. */
  readonly media?: readonly DemoMediaKind[];
  /** Attach one random demo photo. */
  readonly withAttachment?: boolean;
}

/** Kinds {@link MemoryBackend.failNextSends} can fail with. */
export type InjectedFailure = Exclude<TransportErrorKind, 'aborted'>;

/**
 * What the backend answers, per account: the methods of the `Transport`, without the request
 * pipeline. `MemoryTransport` calls them through {@link MemoryBackend.handle}.
 */
export interface MemoryHandlers {
  getAccount(request: RequestOptions): Account;
  listConversations(request: ListConversationsRequest): ConversationPage;
  getConversation(request: ConversationRequest): Conversation;
  findConversation(request: FindConversationRequest): Conversation | null;
  listMessages(request: ListMessagesRequest): MessagePage;
  sendMessage(request: SendMessageRequest): Message;
  uploadAttachment(request: UploadRequest): Promise<Attachment>;
  deleteMessage(request: DeleteMessageRequest): void;
  deleteConversation(request: ConversationRequest): void;
  markRead(request: ConversationRequest): Conversation;
  markUnread(request: ConversationRequest): Conversation;
  searchContacts(request: SearchContactsRequest): Contact[];
  searchMessages(request: SearchMessagesRequest): MessageSearchPage;
  scheduleMessage(request: ScheduleMessageRequest): ScheduledMessage;
  listScheduled(request: ListScheduledRequest): ScheduledMessage[];
  updateScheduled(request: UpdateScheduledRequest): ScheduledMessage;
  cancelScheduled(request: ScheduledRequest): void;
  sendScheduledNow(request: ScheduledRequest): Message;
  listSavedReplies(request: RequestOptions): SavedReply[];
  saveSavedReply(request: SaveSavedReplyRequest): SavedReply;
  deleteSavedReply(request: SavedReplyRequest): void;
}

interface StoredMessage {
  /** Position in the conversation; never reused, so message cursors survive deletes and arrivals. */
  readonly seq: number;
  message: Message;
}

interface StoredConversation {
  conversation: Conversation;
  /** `null` until first read, for seeded conversations (a huge thread costs nothing until then). */
  messages: StoredMessage[] | null;
  readonly seed?: SeedConversation;
  nextSeq: number;
}

interface StoredUpload {
  readonly attachment: Attachment;
  readonly detected: DetectedFileType;
}

interface AccountData {
  readonly account: Account;
  readonly contacts: readonly Contact[];
  readonly conversations: Map<string, StoredConversation>;
  readonly uploads: Map<string, StoredUpload>;
  /** Idempotency keys: client id → the message it created. */
  readonly byClientId: Map<string, { conversationId: string; messageId: string; message: Message }>;
  /** `own|sender` pairs where the sender replied STOP to that own number. */
  readonly optOuts: Set<string>;
  /** Messages to send later, by id (sent, cancelled or dropped ones are deleted). */
  readonly scheduled: Map<string, ScheduledMessage>;
  /** Idempotency keys of scheduling: client id → scheduled id (kept after it is sent). */
  readonly scheduledByClientId: Map<string, string>;
  readonly listeners: Set<(event: TransportEvent) => void>;
  /** Saved replies by id: the shared ones and the user's own. */
  readonly savedReplies: Map<string, SavedReply>;
  handlers?: MemoryHandlers;
}

const DEMO_URL = 'demo:';
const INBOUND_LINES = [
  'Hi! Are you available this afternoon?',
  'Just checking in on the order.',
  'Thanks for the quick reply 🙏',
  '¿A qué hora llegan?',
  'Can you call me back?',
  'Perfect, see you then.',
  'Is there parking near the office?',
  '¡Muchas gracias! 😊',
];
const PHOTOS: readonly DemoMediaKind[] = ['photo', 'portrait', 'panorama', 'screenshot'];

const invalid = (code: string, message: string) => new TransportError('invalid', message, { code });
const notFound = (message: string) => new TransportError('not-found', message);
const aborted = () => new TransportError('aborted', 'The request was cancelled.');

/** The position in a keyset cursor; a cursor that is none is refused. */
function keyset(cursor: unknown): KeysetCursor {
  const value = readKeysetCursor(cursor);
  if (!value) throw invalid('bad-cursor', 'The cursor is not valid.');
  return value;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const wanted = new Set(b);
  return a.length === wanted.size && a.every((n) => wanted.has(n));
}

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
  readonly #options: MemoryBackendOptions;
  readonly #data = new Map<string, AccountData>();
  readonly #rnd: () => number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #objectUrls = new Set<string>();
  /** The timer of each scheduled message, by its id. */
  readonly #scheduleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Folded words and digits per message object (a status change makes a new object). */
  readonly #searchKeys = new WeakMap<Message, SearchKeys>();
  #eventId = 0;
  #idCounter = 0;
  #lastActivity = 0;
  #offline = false;
  #failSends: { count: number; kind: InjectedFailure } = { count: 0, kind: 'network' };
  #loseAcks = 0;
  #rateLimitUntil = 0;
  #rateLimitNext = { count: 0, retryAfterMs: 1000 };
  #carrierFailureRate: number;
  #demoTimer: ReturnType<typeof setInterval> | undefined;
  #disposed = false;

  constructor(options: MemoryBackendOptions = {}) {
    this.#options = options;
    const seed = options.seed ?? 1;
    this.#rnd = random(seed * 7919 + 17);
    this.#carrierFailureRate = clamp01(options.carrierFailureRate ?? 0);
    const accounts = makeSeed({
      seed,
      conversations: options.conversations,
      messagesPerConversation: options.messagesPerConversation,
      contacts: options.contacts,
      hugeThread: options.hugeThread,
      now: this.#now(),
    });
    for (const account of accounts) this.#data.set(account.account.id, this.#load(account));
    // Record the demo video now (once per page, in browsers), so it is ready when first shown.
    if (typeof document !== 'undefined') void demoVideoReady();
  }

  /**
   * The accounts (copies): the first has texting numbers (two local, one toll-free), the
   * second has none (the "Oops" state).
   */
  get accounts(): Account[] {
    return [...this.#data.values()].map((d) => structuredClone(d.account));
  }

  /** Whether the simulated network is down. */
  get offline(): boolean {
    return this.#offline;
  }

  /**
   * A transport signed in to one account, like a browser tab. Connect several to the same
   * account to model several tabs or devices: all get the account's events.
   * Throws for an unknown account id.
   */
  connect(accountId: string): MemoryTransport {
    if (!this.#data.has(accountId)) throw new Error(`MemoryBackend: there is no account ${accountId}.`);
    return new MemoryTransport(this, accountId);
  }

  // ── failure injection ─────────────────────────────────────────────

  /**
   * Takes the network down (every request rejects with `network`; subscribers get
   * `{ type: 'connection', state: 'offline' }` and no other events) or brings it back
   * (`state: 'online'`).
   */
  setOffline(offline: boolean): void {
    if (this.#offline === offline) return;
    this.#offline = offline;
    for (const data of this.#data.values()) {
      for (const listener of data.listeners) {
        this.#later(() => {
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
    this.#failSends = { count: Math.max(0, count), kind };
  }

  /**
   * The next `count` sends are stored (and pushed as events), but their answer is lost: the
   * caller sees a `network` error. Retrying with the same `clientId` returns the stored message.
   */
  loseNextAcks(count: number): void {
    this.#loseAcks = Math.max(0, count);
  }

  /** Every request rejects as `rate-limited` (with `retryAfterMs`) for `ms` from now; 0 ends it. */
  rateLimit(ms: number): void {
    this.#rateLimitUntil = ms > 0 ? Date.now() + ms : 0;
  }

  /**
   * The next `count` requests (of any account) reject as `rate-limited` with `retryAfterMs`, as
   * a server answering 429 would; the requests after them are answered again.
   */
  rateLimitNext(count = 1, retryAfterMs = 1000): void {
    this.#rateLimitNext = { count: Math.max(0, count), retryAfterMs: Math.max(1, retryAfterMs) };
  }

  /** Share (0–1) of later outbound messages the carrier fails (`failed`, code `carrier-rejected`). */
  setCarrierFailureRate(rate: number): void {
    this.#carrierFailureRate = clamp01(rate);
  }

  // ── inbound ───────────────────────────────────────────────────────

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
    const data = options.accountId
      ? this.#data.get(options.accountId)
      : [...this.#data.values()].find((d) => d.account.numbers.length > 0);
    if (!data) throw new Error(`MemoryBackend: there is no account ${options.accountId ?? 'with a number'}.`);
    let stored: StoredConversation | undefined;
    let from = options.from;
    let to = options.to;
    if (options.conversationId) {
      stored = data.conversations.get(options.conversationId);
      if (!stored) throw new Error(`MemoryBackend: there is no conversation ${options.conversationId}.`);
      const { participants, ownNumber } = stored.conversation;
      from ??= participants[Math.floor(this.#rnd() * participants.length)]!;
      if (!participants.includes(from))
        throw new Error(`MemoryBackend: ${from} is not in that conversation.`);
      to = ownNumber;
    } else {
      if (!from) {
        const recent = [...data.conversations.values()]
          .filter((c) => c.conversation.participants.length === 1 && (!to || c.conversation.ownNumber === to))
          .sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt)
          .slice(0, 8);
        const chosen = recent[Math.floor(this.#rnd() * recent.length)];
        from = chosen?.conversation.participants[0] ?? '+12025550143';
        to ??= chosen?.conversation.ownNumber;
      }
      to ??=
        [...data.conversations.values()].find((c) => sameSet(c.conversation.participants, [from!]))
          ?.conversation.ownNumber ?? data.account.numbers[0]?.number;
      if (!to) throw new Error('MemoryBackend: this account has no number to receive on.');
      if (!data.account.numbers.some((n) => n.number === to)) {
        throw new Error(`MemoryBackend: ${to} is not one of the account's numbers.`);
      }
      stored = this.#find(data, [from], to) ?? this.#create(data, [from], to);
    }
    const attachments: Attachment[] = [...(options.attachments ?? [])].map((a) => structuredClone(a));
    const media = [...(options.media ?? [])];
    if (options.withAttachment) media.push(PHOTOS[Math.floor(this.#rnd() * PHOTOS.length)]!);
    media.forEach((kind, k) => attachments.push(this.#demoAttachment(kind, this.#id(`att${k}`))));
    const text =
      options.text ??
      (attachments.length ? '' : INBOUND_LINES[Math.floor(this.#rnd() * INBOUND_LINES.length)]!);
    const message: Message = {
      id: this.#id('msg'),
      conversationId: stored.conversation.id,
      direction: 'inbound',
      from,
      to: [to],
      text,
      attachments,
      status: 'delivered',
      createdAt: this.#now(),
    };
    this.#append(stored, message);
    stored.conversation = {
      ...stored.conversation,
      lastMessage: message,
      updatedAt: this.#activity(),
      unreadCount: stored.conversation.unreadCount + 1,
    };
    this.#emit(data, {
      type: 'message.created',
      message: this.#message(message),
      conversation: this.#conversation(stored.conversation),
    });
    for (const m of [...data.scheduled.values()])
      if (m.conversationId === stored.conversation.id && m.cancelIfReplied)
        this.#unschedule(data, m.id, 'replied');
    const keyword = optOutKeyword(text);
    if (keyword) {
      const key = `${to}|${from}`;
      if (keyword === 'opt-out') data.optOuts.add(key);
      else data.optOuts.delete(key);
      for (const other of data.conversations.values()) {
        const c = other.conversation;
        if (c.ownNumber !== to || !c.participants.includes(from)) continue;
        const optedOut = c.participants.filter((p) => data.optOuts.has(`${to}|${p}`));
        if (sameSet(optedOut, c.optedOut ?? [])) continue;
        other.conversation = { ...c, optedOut };
        this.#emit(data, {
          type: 'conversation.updated',
          conversation: this.#conversation(other.conversation),
        });
      }
    }
    return this.#message(message);
  }

  /**
   * Demo mode: an inbound text every `intervalMs` (default 20 s) from a recent contact,
   * sometimes in a group, sometimes with a photo. Skipped while offline.
   */
  startDemo({ intervalMs = 20_000 }: { intervalMs?: number } = {}): void {
    this.stopDemo();
    this.#demoTimer = setInterval(() => {
      if (this.#offline) return;
      const main = [...this.#data.values()].find((d) => d.account.numbers.length > 0);
      const groups = main
        ? [...main.conversations.values()]
            .filter((c) => c.conversation.participants.length > 1)
            .sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt)
        : [];
      const group = this.#rnd() < 0.2 ? groups[0] : undefined;
      void this.receive({
        ...(group ? { conversationId: group.conversation.id } : {}),
        withAttachment: this.#rnd() < 0.2,
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
    this.#disposed = true;
    this.stopDemo();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const t of this.#scheduleTimers.values()) clearTimeout(t);
    this.#scheduleTimers.clear();
    for (const data of this.#data.values()) data.listeners.clear();
    for (const url of this.#objectUrls) URL.revokeObjectURL(url);
    this.#objectUrls.clear();
  }

  // ── the request pipeline (used by MemoryTransport) ────────────────

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
    await this.#sleep(this.#latency(), signal);
    if (this.#offline) throw new TransportError('network', 'The network is unreachable.');
    const wait = this.#rateLimitUntil - Date.now();
    if (wait > 0) throw new TransportError('rate-limited', 'Too many requests.', { retryAfterMs: wait });
    if (this.#rateLimitNext.count > 0) {
      this.#rateLimitNext.count--;
      const { retryAfterMs } = this.#rateLimitNext;
      throw new TransportError('rate-limited', 'Too many requests.', { retryAfterMs });
    }
    const data = this.#data.get(accountId);
    if (!data) throw new TransportError('auth', 'Not signed in.');
    data.handlers ??= this.#handlers(data);
    const handler = data.handlers[method] as (r: typeof request) => ReturnType<MemoryHandlers[K]>;
    return (await handler.call(data.handlers, request ?? {})) as Awaited<ReturnType<MemoryHandlers[K]>>;
  }

  /** Adds a listener of one account's events; returns the function that removes it. */
  subscribe(accountId: string, listener: (event: TransportEvent) => void): () => void {
    const data = this.#data.get(accountId);
    if (!data) return () => undefined;
    // A fresh wrapper, so the same function subscribed twice is two subscriptions.
    const wrapper = (event: TransportEvent) => listener(event);
    data.listeners.add(wrapper);
    return () => {
      data.listeners.delete(wrapper);
    };
  }

  #handlers(data: AccountData): MemoryHandlers {
    return {
      getAccount: () => structuredClone(data.account),
      listConversations: (request) => this.#listConversations(data, request),
      getConversation: (request) =>
        this.#conversation(this.#stored(data, request.conversationId).conversation),
      findConversation: (request) => {
        if (!Array.isArray(request.participants))
          throw invalid('bad-request', 'participants must be a list.');
        const found = this.#find(data, request.participants, request.from);
        return found ? this.#conversation(found.conversation) : null;
      },
      listMessages: (request) => this.#listMessages(data, request),
      sendMessage: (request) => this.#send(data, request),
      uploadAttachment: (request) => this.#upload(data, request),
      deleteMessage: (request) => this.#deleteMessage(data, request),
      deleteConversation: (request) => {
        this.#stored(data, request.conversationId);
        for (const m of [...data.scheduled.values()])
          if (m.conversationId === request.conversationId) this.#unschedule(data, m.id, 'cancelled');
        data.conversations.delete(request.conversationId);
        this.#emit(data, { type: 'conversation.deleted', conversationId: request.conversationId });
      },
      markRead: (request) => this.#setUnread(data, request.conversationId, () => 0),
      markUnread: (request) => this.#setUnread(data, request.conversationId, (n) => Math.max(1, n)),
      searchContacts: (request) => this.#searchContacts(data, request),
      searchMessages: (request) => this.#searchMessages(data, request),
      scheduleMessage: (request) => this.#schedule(data, request),
      listScheduled: (request) =>
        [...data.scheduled.values()]
          .filter((m) => request.conversationId === undefined || m.conversationId === request.conversationId)
          .sort((a, b) => a.sendAt - b.sendAt || (a.id < b.id ? -1 : 1))
          .map((m) => structuredClone(m)),
      updateScheduled: (request) => this.#updateScheduled(data, request),
      cancelScheduled: (request) => {
        this.#scheduledOf(data, request.scheduledId);
        this.#unschedule(data, request.scheduledId, 'cancelled');
      },
      sendScheduledNow: (request) => {
        this.#scheduledOf(data, request.scheduledId);
        const sent = this.#sendScheduled(data, request.scheduledId);
        if (sent instanceof TransportError) throw sent;
        return sent;
      },
      listSavedReplies: () => [...data.savedReplies.values()].map((r) => ({ ...r })),
      saveSavedReply: (request) => this.#saveReply(data, request),
      deleteSavedReply: (request) => {
        this.#personalReply(data, request?.id);
        data.savedReplies.delete(request.id);
      },
    };
  }

  #personalReply(data: AccountData, id: unknown): SavedReply {
    const reply = typeof id === 'string' ? data.savedReplies.get(id) : undefined;
    if (!reply) throw notFound('That saved reply does not exist.');
    if (!reply.personal) throw invalid('read-only', 'Shared replies cannot be changed here.');
    return reply;
  }

  #saveReply(data: AccountData, request: SaveSavedReplyRequest): SavedReply {
    const { title, text } = readSavedReplyInput(request);
    const id =
      request.id === undefined
        ? `sr${++this.#idCounter}-${this.#now()}`
        : this.#personalReply(data, request.id).id;
    const reply: SavedReply = { id, title, text, personal: true, updatedAt: this.#now() };
    data.savedReplies.set(id, reply);
    return { ...reply };
  }

  // ── handlers ──────────────────────────────────────────────────────

  #listConversations(data: AccountData, request: ListConversationsRequest): ConversationPage {
    const limit = pageSize(request.limit, 30, 100);
    let rows = [...data.conversations.values()].map((s) => s.conversation);
    if (request.cursor !== undefined) {
      const [updatedAt, id] = keyset(request.cursor);
      // Keyset: only rows that sort strictly after the last row of the previous page.
      rows = rows.filter((c) => c.updatedAt < updatedAt || (c.updatedAt === updatedAt && c.id > id));
    }
    rows.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((c) => this.#conversation(c)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
    };
  }

  #listMessages(data: AccountData, request: ListMessagesRequest): MessagePage {
    const stored = this.#stored(data, request.conversationId);
    const all = this.#messages(stored);
    const limit = pageSize(request.limit, 50, 200);
    let from: number;
    let to: number;
    const ways = [request.before, request.after, request.around].filter((v) => v !== undefined);
    if (ways.length > 1) throw invalid('bad-request', 'Give at most one of before, after and around.');
    if (request.around !== undefined) {
      const at = all.findIndex((s) => s.message.id === request.around);
      if (at === -1) throw notFound('That message is not in this conversation.');
      const take = aroundWindow(at, all.length - at, limit);
      from = at - take.older;
      to = at + take.newer;
    } else if (request.after !== undefined) {
      from = indexAfter(all, this.#seqCursor(stored, request.after));
      to = Math.min(all.length, from + limit);
    } else {
      to =
        request.before !== undefined
          ? indexAfter(all, this.#seqCursor(stored, request.before) - 1)
          : all.length;
      from = Math.max(0, to - limit);
    }
    const page = all.slice(from, to);
    // The newest seq this page has seen; `after` it comes everything newer, now or later.
    const newest =
      page.at(-1)?.seq ??
      (request.after !== undefined ? this.#seqCursor(stored, request.after) : (all[from - 1]?.seq ?? -1));
    const oldest = page[0]?.seq ?? newest + 1;
    const cursor = (seq: number) => seqCursor(stored.conversation.id, seq);
    return {
      messages: page.map((s) => this.#message(s.message)),
      olderCursor: from > 0 ? cursor(oldest) : null,
      newerCursor: cursor(newest),
      hasNewer: to < all.length,
    };
  }

  #send(data: AccountData, request: SendMessageRequest, injected = true): Message {
    if (typeof request.clientId !== 'string' || !request.clientId) {
      throw invalid('bad-request', 'A send needs a client id.');
    }
    const known = data.byClientId.get(request.clientId);
    if (known) {
      const current = data.conversations
        .get(known.conversationId)
        ?.messages?.find((s) => s.message.id === known.messageId)?.message;
      return this.#ack(this.#message(current ?? known.message));
    }
    if (injected && this.#failSends.count > 0) {
      this.#failSends.count--;
      const kind = this.#failSends.kind;
      if (kind === 'network') throw new TransportError('network', 'The message could not reach the server.');
      if (kind === 'rate-limited') {
        throw new TransportError('rate-limited', 'Too many messages.', { retryAfterMs: 1000 });
      }
      throw new TransportError(kind, 'The server refused the message.', { code: 'refused' });
    }
    const own = this.#own(data, request.from);
    const checked = checkOutgoingRecipients({
      to: Array.isArray(request.to) ? request.to : [],
      own,
      country: data.account.country,
      isOptedOut: (n) => data.optOuts.has(`${own.number}|${n}`),
    });
    if (!checked.ok) throw invalid(backendCode(checked.refusal.code), checked.refusal.message);
    const text: unknown = request.text;
    if (typeof text !== 'string') throw invalid('bad-request', 'The text must be a string.');
    const ids = Array.isArray(request.attachmentIds) ? [...new Set(request.attachmentIds)] : [];
    const refusal = checkOutgoingContent({ text, attachments: ids.length }, checked.policy);
    if (refusal) throw invalid(refusal.code, refusal.message);
    const { to, policy } = checked;
    const uploads = ids.map((id) => {
      const upload = data.uploads.get(id);
      if (!upload) throw invalid('unknown-attachment', 'An attachment was not uploaded (or expired).');
      return upload;
    });
    this.#checkFiles(uploads, policy);
    const stored = this.#find(data, to, own.number) ?? this.#create(data, to, own.number);
    const message: Message = {
      id: this.#id('msg'),
      clientId: request.clientId,
      conversationId: stored.conversation.id,
      direction: 'outbound',
      from: own.number,
      to,
      text,
      attachments: uploads.map((u) => structuredClone(u.attachment)),
      status: 'queued',
      createdAt: this.#now(),
    };
    this.#append(stored, message);
    stored.conversation = { ...stored.conversation, lastMessage: message, updatedAt: this.#activity() };
    data.byClientId.set(request.clientId, {
      conversationId: message.conversationId,
      messageId: message.id,
      message,
    });
    this.#emit(data, {
      type: 'message.created',
      message: this.#message(message),
      conversation: this.#conversation(stored.conversation),
    });
    this.#carrier(data, stored, message.id);
    return injected ? this.#ack(this.#message(message)) : this.#message(message);
  }

  #schedule(data: AccountData, request: ScheduleMessageRequest): ScheduledMessage {
    if (typeof request.clientId !== 'string' || !request.clientId) {
      throw invalid('bad-request', 'Scheduling needs a client id.');
    }
    const known = data.scheduledByClientId.get(request.clientId);
    if (known !== undefined) {
      const current = data.scheduled.get(known);
      if (current) return structuredClone(current);
      throw invalid('already-scheduled', 'That message was already scheduled, and sent or cancelled since.');
    }
    const stored = this.#stored(data, request.conversationId);
    const sendAt = this.#sendAt(request.sendAt);
    this.#checkOptOut(data, stored.conversation);
    const attachments = this.#scheduledFiles(data, stored.conversation, request.attachmentIds);
    const text = this.#scheduledText(request.text, attachments.length);
    const now = this.#now();
    const scheduled: ScheduledMessage = {
      id: this.#id('sch'),
      clientId: request.clientId,
      conversationId: stored.conversation.id,
      text,
      attachments,
      sendAt,
      cancelIfReplied: request.cancelIfReplied === true,
      createdAt: now,
      updatedAt: now,
    };
    data.scheduled.set(scheduled.id, scheduled);
    data.scheduledByClientId.set(scheduled.clientId, scheduled.id);
    this.#arm(data, scheduled.id);
    this.#emit(data, { type: 'scheduled.updated', scheduled: structuredClone(scheduled) });
    return structuredClone(scheduled);
  }

  #updateScheduled(data: AccountData, request: UpdateScheduledRequest): ScheduledMessage {
    const current = this.#scheduledOf(data, request.scheduledId);
    const next: ScheduledMessage = {
      ...current,
      ...(request.text !== undefined
        ? { text: this.#scheduledText(request.text, current.attachments.length) }
        : {}),
      ...(request.sendAt !== undefined ? { sendAt: this.#sendAt(request.sendAt) } : {}),
      ...(request.cancelIfReplied !== undefined ? { cancelIfReplied: request.cancelIfReplied === true } : {}),
      updatedAt: this.#now(),
    };
    data.scheduled.set(next.id, next);
    this.#arm(data, next.id);
    this.#emit(data, { type: 'scheduled.updated', scheduled: structuredClone(next) });
    return structuredClone(next);
  }

  #scheduledOf(data: AccountData, scheduledId: unknown): ScheduledMessage {
    const found = typeof scheduledId === 'string' ? data.scheduled.get(scheduledId) : undefined;
    if (!found) throw notFound('That scheduled message does not exist (it may have been sent or cancelled).');
    return found;
  }

  #scheduledText(text: unknown, attachments: number): string {
    if (typeof text !== 'string') throw invalid('bad-request', 'The text must be a string.');
    const refusal = textRefusal(text, attachments);
    if (refusal) throw invalid(refusal.code, refusal.message);
    return text;
  }

  /**
   * The uploaded files a scheduled message is sent with, refused as a send from that
   * conversation's number would refuse them (unknown ids, an SMS-only number, the MMS limits).
   */
  #scheduledFiles(data: AccountData, conversation: Conversation, attachmentIds: unknown): Attachment[] {
    if (attachmentIds === undefined) return [];
    if (!Array.isArray(attachmentIds) || attachmentIds.some((x) => typeof x !== 'string')) {
      throw invalid('bad-request', 'attachmentIds must be a list of ids.');
    }
    const ids = [...new Set(attachmentIds as string[])];
    if (!ids.length) return [];
    const policy = resolvePolicy(this.#own(data, conversation.ownNumber));
    const refusal = checkOutgoingContent({ text: '', attachments: ids.length }, policy);
    if (refusal && refusal.code !== 'empty-message') throw invalid(refusal.code, refusal.message);
    const uploads = ids.map((id) => {
      const upload = data.uploads.get(id);
      if (!upload) throw invalid('unknown-attachment', 'An attachment was not uploaded (or expired).');
      return upload;
    });
    this.#checkFiles(uploads, policy);
    return uploads.map((u) => structuredClone(u.attachment));
  }

  #sendAt(sendAt: unknown): number {
    if (typeof sendAt !== 'number' || !Number.isFinite(sendAt)) {
      throw invalid('bad-request', 'sendAt must be a time in ms since the epoch.');
    }
    if (sendAt <= this.#now()) throw invalid('scheduled-in-past', 'Choose a time in the future.');
    return sendAt;
  }

  #checkOptOut(data: AccountData, conversation: Conversation): void {
    const optedOut = conversation.participants.filter((n) =>
      data.optOuts.has(`${conversation.ownNumber}|${n}`),
    );
    if (optedOut.length) {
      throw invalid('recipient-opted-out', optedOutMessage(optedOut));
    }
  }

  /** (Re)starts the timer of a scheduled message; long waits are cut in steps setTimeout can take. */
  #arm(data: AccountData, scheduledId: string): void {
    clearTimeout(this.#scheduleTimers.get(scheduledId));
    this.#scheduleTimers.delete(scheduledId);
    const scheduled = data.scheduled.get(scheduledId);
    if (!scheduled || this.#disposed) return;
    const wait = Math.min(2 ** 31 - 1, Math.max(0, scheduled.sendAt - this.#now()));
    const timer = setTimeout(() => {
      this.#scheduleTimers.delete(scheduledId);
      const current = data.scheduled.get(scheduledId);
      if (!current) return;
      if (current.sendAt > this.#now()) this.#arm(data, scheduledId);
      else this.#sendScheduled(data, scheduledId);
    }, wait);
    this.#scheduleTimers.set(scheduledId, timer);
  }

  /** Sends a scheduled message as a normal send; a refusal drops it (`failed`) and is returned. */
  #sendScheduled(data: AccountData, scheduledId: string): Message | TransportError {
    const scheduled = data.scheduled.get(scheduledId)!;
    const conversation = data.conversations.get(scheduled.conversationId)?.conversation;
    try {
      if (!conversation) throw notFound('The conversation was deleted.');
      const message = this.#send(
        data,
        {
          clientId: scheduled.clientId,
          from: conversation.ownNumber,
          to: conversation.participants,
          text: scheduled.text,
          attachmentIds: scheduled.attachments.map((a) => a.id),
        },
        false,
      );
      this.#unschedule(data, scheduledId, 'sent', message.id);
      return message;
    } catch (error) {
      const failure =
        error instanceof TransportError
          ? error
          : new TransportError('invalid', 'The message could not be sent.', { code: 'send-failed' });
      this.#unschedule(data, scheduledId, 'failed', undefined, {
        code: failure.code || failure.kind,
        reason: failure.message,
      });
      return failure;
    }
  }

  #unschedule(
    data: AccountData,
    scheduledId: string,
    reason: ScheduledRemovedReason,
    messageId?: string,
    failure?: MessageFailure,
  ): void {
    const scheduled = data.scheduled.get(scheduledId);
    if (!scheduled) return;
    data.scheduled.delete(scheduledId);
    clearTimeout(this.#scheduleTimers.get(scheduledId));
    this.#scheduleTimers.delete(scheduledId);
    this.#emit(data, {
      type: 'scheduled.removed',
      conversationId: scheduled.conversationId,
      scheduledId,
      reason,
      ...(messageId ? { messageId } : {}),
      ...(failure ? { failure } : {}),
    });
  }

  async #upload(data: AccountData, request: UploadRequest): Promise<Attachment> {
    const own = this.#own(data, request.from);
    const file: unknown = request.file;
    if (!(file instanceof Blob)) throw invalid('bad-request', 'The upload needs a file.');
    const name = typeof request.name === 'string' && request.name ? request.name : 'file';
    const policy = resolvePolicy(own);
    // Like a server reading Content-Length: refuse what can never be sent before any byte moves.
    const early = checkAttachments([], [{ name, size: file.size, detected: null }], policy).rejected[0];
    if (early && early.violation.code !== 'type-not-allowed') throw this.#violation(early.violation, policy);
    const total = file.size;
    const speed = Math.max(1, this.#options.uploadBytesPerSecond ?? 1_000_000);
    const steps = Math.max(4, Math.min(20, Math.ceil(total / 65_536)));
    request.onProgress?.(0, total);
    for (let step = 1; step <= steps; step++) {
      await this.#sleep(((total / steps) * 1000) / speed, request.signal);
      if (this.#offline) throw new TransportError('network', 'The upload was interrupted.');
      request.onProgress?.(Math.round((total * step) / steps), total);
    }
    // Now the server has the bytes: decide the type by content, whatever the name or type say.
    const detected = await detectFileType(Object.assign(file.slice(0, file.size, file.type), { name }));
    const { rejected } = checkAttachments([], [{ name, size: total, detected }], policy);
    if (rejected[0]) throw this.#violation(rejected[0].violation, policy);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const info = readMediaInfo(bytes);
    let url = '';
    if (typeof URL.createObjectURL === 'function') {
      url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: detected!.mime }));
      this.#objectUrls.add(url);
    }
    const attachment: Attachment = {
      id: this.#id('att'),
      name,
      type: detected!.mime,
      size: total,
      url,
      ...info,
    };
    data.uploads.set(attachment.id, { attachment, detected: detected! });
    return structuredClone(attachment);
  }

  #deleteMessage(data: AccountData, request: DeleteMessageRequest): void {
    const stored = this.#stored(data, request.conversationId);
    const messages = this.#messages(stored);
    const at = messages.findIndex((s) => s.message.id === request.messageId);
    if (at === -1) throw notFound('That message does not exist.');
    messages.splice(at, 1);
    const { lastMessage: _removed, ...rest } = stored.conversation;
    const last = messages.at(-1)?.message;
    stored.conversation = last ? { ...rest, lastMessage: last } : rest;
    this.#emit(data, {
      type: 'message.deleted',
      conversationId: request.conversationId,
      messageId: request.messageId,
    });
    this.#emit(data, { type: 'conversation.updated', conversation: this.#conversation(stored.conversation) });
  }

  #setUnread(data: AccountData, conversationId: string, next: (count: number) => number): Conversation {
    const stored = this.#stored(data, conversationId);
    const unreadCount = next(stored.conversation.unreadCount);
    if (unreadCount !== stored.conversation.unreadCount) {
      stored.conversation = { ...stored.conversation, unreadCount };
      this.#emit(data, {
        type: 'conversation.updated',
        conversation: this.#conversation(stored.conversation),
      });
    }
    return this.#conversation(stored.conversation);
  }

  #searchContacts(data: AccountData, request: SearchContactsRequest): Contact[] {
    const limit = pageSize(request.limit, 20, 100);
    const query = typeof request.query === 'string' ? request.query : '';
    return structuredClone(searchContacts(data.contacts, query, limit));
  }

  /** Every message of the account that matches, newest first; keyset cursor on (createdAt, id). */
  #searchMessages(data: AccountData, request: SearchMessagesRequest): MessageSearchPage {
    const limit = pageSize(request.limit, 20, 100);
    const query = parseSearchQuery(request.query);
    const after = request.cursor !== undefined ? keyset(request.cursor) : undefined;
    const found: Message[] = [];
    if (query.kind !== 'empty') {
      for (const stored of data.conversations.values()) {
        for (const { message: m } of this.#messages(stored)) {
          if (after && (m.createdAt > after[0] || (m.createdAt === after[0] && m.id >= after[1]))) continue;
          let keys = this.#searchKeys.get(m);
          if (!keys) this.#searchKeys.set(m, (keys = searchKeys(m)));
          if (matchesSearch(keys, query)) found.push(m);
        }
      }
    }
    found.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return {
      results: page.map((m) => ({ conversationId: m.conversationId, message: this.#message(m) })),
      nextCursor: found.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    };
  }

  // ── internals ─────────────────────────────────────────────────────

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** A time for new activity, strictly after all earlier activity, so it sorts on top. */
  #activity(): number {
    this.#lastActivity = Math.max(this.#now(), this.#lastActivity + 1);
    return this.#lastActivity;
  }

  #id(prefix: string): string {
    return `${prefix}-${(++this.#idCounter).toString(36)}${Math.floor(this.#rnd() * 36 ** 4).toString(36)}`;
  }

  #own(data: AccountData, number: unknown): OwnNumber {
    const own = data.account.numbers.find((n) => n.number === number);
    if (!own) throw invalid('unknown-number', `${String(number)} is not one of this account's numbers.`);
    return own;
  }

  #stored(data: AccountData, conversationId: unknown): StoredConversation {
    const stored = typeof conversationId === 'string' ? data.conversations.get(conversationId) : undefined;
    if (!stored) throw notFound('That conversation does not exist.');
    return stored;
  }

  #find(data: AccountData, participants: readonly string[], from?: string): StoredConversation | undefined {
    for (const stored of data.conversations.values()) {
      const c = stored.conversation;
      if ((!from || c.ownNumber === from) && sameSet(c.participants, participants)) return stored;
    }
    return undefined;
  }

  #create(data: AccountData, participants: readonly string[], ownNumber: string): StoredConversation {
    const names: Record<string, string> = {};
    for (const p of participants) {
      const contact = data.contacts.find((c) => c.numbers.some((n) => n.number === p));
      if (contact) names[p] = contact.name;
    }
    const optedOut = participants.filter((p) => data.optOuts.has(`${ownNumber}|${p}`));
    const stored: StoredConversation = {
      conversation: {
        id: this.#id('conv'),
        participants: [...participants],
        ownNumber,
        names,
        unreadCount: 0,
        updatedAt: this.#activity(),
        ...(optedOut.length ? { optedOut } : {}),
      },
      messages: [],
      nextSeq: 0,
    };
    data.conversations.set(stored.conversation.id, stored);
    return stored;
  }

  #messages(stored: StoredConversation): StoredMessage[] {
    if (!stored.messages) {
      const seed = stored.seed!;
      const messages: StoredMessage[] = new Array(seed.messageCount);
      for (let i = 0; i < seed.messageCount; i++) {
        messages[i] = { seq: i, message: this.#seedMessage(stored.conversation.id, seed, i) };
      }
      // The last message was made for the list preview: keep that object (it may have changed).
      const last = stored.conversation.lastMessage;
      const lastIndex = seed.messageCount - 1;
      if (last?.id === `${stored.conversation.id}-m${lastIndex}`)
        messages[lastIndex] = { seq: lastIndex, message: last };
      stored.messages = messages;
    }
    return stored.messages;
  }

  #append(stored: StoredConversation, message: Message): void {
    this.#messages(stored).push({ seq: stored.nextSeq++, message });
  }

  #checkFiles(uploads: readonly StoredUpload[], policy: ResolvedPolicy): void {
    const files = uploads.map((u) => ({
      name: u.attachment.name,
      size: u.attachment.size,
      detected: u.detected,
    }));
    const { rejected } = checkAttachments([], files, policy);
    if (rejected[0]) throw this.#violation(rejected[0].violation, policy);
  }

  #violation(violation: AttachmentViolation, policy: ResolvedPolicy): TransportError {
    const refusal = policyRefusal(violation, policy);
    return invalid(refusal.code, refusal.message);
  }

  #ack(message: Message): Message {
    if (this.#loseAcks > 0) {
      this.#loseAcks--;
      throw new TransportError('network', 'The connection dropped before the server answered.');
    }
    return message;
  }

  /** Moves an outbound message through the carrier: queued → sent → delivered (or failed). */
  #carrier(data: AccountData, stored: StoredConversation, messageId: string): void {
    const [toSent, toDelivered] = this.#options.deliveryMs ?? DEFAULT_DELIVERY_MS;
    const fails = carrierFails(this.#carrierFailureRate, this.#rnd());
    const update = (status: 'sent' | 'delivered' | 'failed') => {
      const entry = stored.messages?.find((s) => s.message.id === messageId);
      if (!entry || data.conversations.get(stored.conversation.id) !== stored) return;
      const { message, event } = carrierStep(entry.message, status, this.#now());
      entry.message = message;
      if (stored.conversation.lastMessage?.id === messageId) {
        stored.conversation = { ...stored.conversation, lastMessage: message };
      }
      this.#emit(data, event);
    };
    this.#later(() => {
      update('sent');
      this.#later(() => update(afterSent(fails)), toDelivered);
    }, toSent);
  }

  /** Pushes an event to every listener of the account, each asynchronously, in order. */
  #emit(data: AccountData, event: TransportEvent): void {
    if (this.#offline) return;
    const numbered = { ...event, eventId: String(++this.#eventId) } as TransportEvent;
    for (const listener of data.listeners) {
      this.#later(() => {
        if (data.listeners.has(listener)) listener(structuredClone(numbered));
      });
    }
  }

  #later(fn: () => void, ms = 0): void {
    if (this.#disposed) return;
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  #latency(): number {
    const l = this.#options.latencyMs ?? [120, 400];
    if (typeof l === 'number') return Math.max(0, l);
    return l[0] + this.#rnd() * (l[1] - l[0]);
  }

  #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        reject(aborted());
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #seqCursor(stored: StoredConversation, cursor: unknown): number {
    const seq = readSeqCursor(cursor, stored.conversation.id);
    if (seq === undefined) throw invalid('bad-cursor', 'The cursor is not valid for this conversation.');
    return seq;
  }

  /** A copy of a message for the outside, with demo files pointing at their object URLs. */
  #message(message: Message): Message {
    const copy = structuredClone(message) as { -readonly [K in keyof Message]: Message[K] };
    if (copy.attachments.some((a) => a.url.startsWith(DEMO_URL))) {
      copy.attachments = copy.attachments.map((a) => {
        if (!a.url.startsWith(DEMO_URL)) return a;
        const kind = a.url.slice(DEMO_URL.length) as DemoMediaKind;
        return { ...a, url: demoMediaUrl(kind), size: demoMedia(kind)?.blob.size ?? 0 };
      });
    }
    return copy;
  }

  #conversation(conversation: Conversation): Conversation {
    const copy = structuredClone(conversation);
    return copy.lastMessage ? { ...copy, lastMessage: this.#message(copy.lastMessage) } : copy;
  }

  /** An attachment showing a demo file; its URL and size are filled in when it is read. */
  #demoAttachment(kind: DemoMediaKind, id: string): Attachment {
    const { name, type, width, height, duration } = DEMO_MEDIA[kind];
    return {
      id,
      name,
      type,
      size: 0,
      url: `${DEMO_URL}${kind}`,
      ...(width ? { width, height } : {}),
      ...(duration ? { duration } : {}),
    };
  }

  #seedMessage(conversationId: string, seed: SeedConversation, index: number): Message {
    const m = seed.message(index);
    const id = `${conversationId}-m${index}`;
    return {
      id,
      conversationId,
      direction: m.inbound ? 'inbound' : 'outbound',
      from: m.inbound ? seed.participants[m.senderIndex]! : seed.ownNumber,
      to: m.inbound ? [seed.ownNumber] : [...seed.participants],
      text: m.text,
      attachments: m.media.map((kind, k) => this.#demoAttachment(kind, `${id}-a${k}`)),
      status: m.status,
      ...(m.status === 'failed'
        ? { failure: { code: 'carrier-rejected', reason: 'The carrier rejected the message.' } }
        : {}),
      createdAt: m.at,
      ...(m.inbound ? {} : { updatedAt: m.at }),
    };
  }

  #load(seed: SeedAccount): AccountData {
    const data: AccountData = {
      account: structuredClone(seed.account),
      contacts: structuredClone(seed.contacts),
      conversations: new Map(),
      uploads: new Map(),
      byClientId: new Map(),
      optOuts: new Set(),
      scheduled: new Map(),
      scheduledByClientId: new Map(),
      listeners: new Set(),
      savedReplies: new Map(
        seed.account.numbers.length
          ? DEMO_SAVED_REPLIES.map((r) => [r.id, { ...r, updatedAt: this.#now() }])
          : [],
      ),
    };
    seed.conversations.forEach((sc, index) => {
      const id = `c${index + 1}`;
      const last = sc.messageCount > 0 ? this.#seedMessage(id, sc, sc.messageCount - 1) : undefined;
      data.conversations.set(id, {
        conversation: {
          id,
          participants: [...sc.participants],
          ownNumber: sc.ownNumber,
          names: { ...sc.names },
          ...(sc.title ? { title: sc.title } : {}),
          unreadCount: sc.unreadCount,
          updatedAt: last?.createdAt ?? this.#now(),
          ...(last ? { lastMessage: last } : {}),
        },
        messages: null,
        seed: sc,
        nextSeq: sc.messageCount,
      });
    });
    return data;
  }
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0;
}

/** A page size (see {@link readLimit}); anything but a number gives the default, as before. */
function pageSize(limit: unknown, fallback: number, max: number): number {
  return typeof limit === 'number' ? (readLimit(limit, fallback, max) ?? fallback) : fallback;
}

/** Index of the first stored message with a `seq` greater than `seq` (binary search). */
function indexAfter(all: readonly StoredMessage[], seq: number): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
