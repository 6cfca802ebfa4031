import type { Account } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message, MessageFailure, MessageStatus } from '../../model/message.js';
import { checkAttachments, checkRecipients, resolvePolicy } from '../../rules/attachment-policy.js';
import { detectFileType } from '../../rules/file-type.js';
import { SMS_MAX_CHARACTERS } from '../../rules/sms-encoding.js';
import { TransportError } from '../errors.js';
import type {
  ConversationPage,
  ConversationRequest,
  DeleteMessageRequest,
  FindConversationRequest,
  ListConversationsRequest,
  ListMessagesRequest,
  MessagePage,
  RequestOptions,
  SearchContactsRequest,
  SendMessageRequest,
  Transport,
  TransportEvent,
  UploadRequest,
} from '../transport.js';
import { demoMedia, demoMediaUrl } from './media.js';
import type { DemoMediaKind } from './media.js';
import { makeSeed, random } from './seed.js';
import type { SeedAccount } from './seed.js';

/** Options of {@link createMemoryBackend}. */
export interface MemoryBackendOptions {
  /** Delay of every request: fixed, or a `[min, max]` range (default 0). */
  readonly latencyMs?: number | readonly [number, number];
  /** Seed of the generated data (default 1). */
  readonly seed?: number;
  /** Conversations of the main account (default 300). */
  readonly conversations?: number;
  /** Messages per conversation, inclusive range (default [3, 40]). */
  readonly messagesPerConversation?: readonly [number, number];
  /** Contacts of the main account (default 150). */
  readonly contacts?: number;
  /** The newest conversation holds this many messages (for benchmarks). */
  readonly hugeThread?: number;
  /** Delays of the carrier: queued → sent, and sent → delivered (default [300, 900] ms). */
  readonly deliveryMs?: readonly [number, number];
  /** Share of outbound messages the carrier fails (default 0). */
  readonly carrierFailureRate?: number;
  /** Bytes per second of simulated uploads (default 4 MB/s). */
  readonly uploadBytesPerSecond?: number;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
}

/** What {@link MemoryBackend.receive} takes; everything is optional. */
export interface InboundOptions {
  /** Account that receives (default: the first account with a number). */
  readonly accountId?: string;
  /** Sender (default: a participant of a recent one-to-one conversation). */
  readonly from?: string;
  /** Own number that receives (default: the conversation's, or the account's first). */
  readonly to?: string;
  /** Text (default: a friendly line). */
  readonly text?: string;
  /** Attach one demo image. */
  readonly withAttachment?: boolean;
  /** Attachments to include (e.g. from `uploadAttachment`). */
  readonly attachments?: readonly Attachment[];
}

interface StoredMessage {
  readonly seq: number;
  message: Message;
}

interface StoredConversation {
  conversation: Conversation;
  messages: StoredMessage[];
  nextSeq: number;
}

interface AccountData {
  account: Account;
  contacts: Contact[];
  conversations: Map<string, StoredConversation>;
  uploads: Map<string, Attachment>;
  byClientId: Map<string, Message>;
  listeners: Set<(event: TransportEvent) => void>;
}

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP']);
const INBOUND_LINES = [
  'Hi! Are you available this afternoon?',
  'Just checking in on the order.',
  'Thanks for the quick reply 🙏',
  '¿A qué hora llegan?',
  'Can you call me back?',
  'Photo of the issue attached.',
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

function encodeCursor(parts: unknown[]): string {
  return btoa(JSON.stringify(parts));
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw new TransportError('invalid', 'The cursor is not valid.', { code: 'bad-cursor' });
}

/**
 * An in-memory texting server that behaves like a real one: latency, cursor paging, idempotent
 * sends, upload progress, carrier delivery status over time, inbound messages (on demand and on
 * a timer), opt-out keywords, and failure injection. Several transports (tabs) may connect to
 * the same account; each sees only its own account's data.
 */
export class MemoryBackend {
  readonly #options: MemoryBackendOptions;
  readonly #data = new Map<string, AccountData>();
  readonly #rnd: () => number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #eventId = 0;
  #idCounter = 0;
  #offline = false;
  #failSends: { count: number; kind: 'network' | 'invalid' } = { count: 0, kind: 'network' };
  #loseAcks = 0;
  #rateLimitMs = 0;
  #carrierFailureRate: number;
  #demoTimer: ReturnType<typeof setInterval> | undefined;
  #disposed = false;

  constructor(options: MemoryBackendOptions = {}) {
    this.#options = options;
    this.#rnd = random((options.seed ?? 1) * 7919);
    this.#carrierFailureRate = options.carrierFailureRate ?? 0;
    const seeds = makeSeed({
      seed: options.seed ?? 1,
      conversations: options.conversations ?? 300,
      messagesPerConversation: options.messagesPerConversation ?? [3, 40],
      contacts: options.contacts ?? 150,
      hugeThread: options.hugeThread,
      now: this.#now(),
    });
    for (const seed of seeds) this.#data.set(seed.account.id, this.#load(seed));
  }

  /** The accounts (copies): the first has texting numbers, the second none (the "Oops" state). */
  get accounts(): Account[] {
    return [...this.#data.values()].map((d) => clone(d.account));
  }

  /** A transport that sees one account, like a signed-in browser tab. */
  connect(accountId: string): Transport {
    if (!this.#data.has(accountId)) throw new Error(`MemoryBackend: no account ${accountId}`);
    return new MemoryTransport(this, accountId);
  }

  // ── failure injection ─────────────────────────────────────────────

  /** Takes the "network" down (requests fail with `network`) or brings it back. */
  setOffline(offline: boolean): void {
    if (this.#offline === offline) return;
    this.#offline = offline;
    for (const data of this.#data.values()) {
      for (const l of data.listeners)
        this.#later(() => l({ type: 'connection', state: offline ? 'offline' : 'online' }));
    }
  }

  /** Whether the simulated network is down. */
  get offline(): boolean {
    return this.#offline;
  }

  /** The next `count` sends fail before reaching the server (`network`), or are refused (`invalid`). */
  failNextSends(count: number, kind: 'network' | 'invalid' = 'network'): void {
    this.#failSends = { count, kind };
  }

  /** The next `count` sends are committed, but their response is lost (the caller sees `network`). */
  loseNextAcks(count: number): void {
    this.#loseAcks = count;
  }

  /** Every request is refused as rate-limited for `ms` from now (0 ends it). */
  rateLimit(ms: number): void {
    this.#rateLimitMs = ms > 0 ? this.#now() + ms : 0;
  }

  /** Share (0–1) of outbound messages the carrier fails. */
  setCarrierFailureRate(rate: number): void {
    this.#carrierFailureRate = Math.max(0, Math.min(1, rate));
  }

  // ── inbound ───────────────────────────────────────────────────────

  /** Delivers an inbound message, as if a person texted the account. */
  async receive(options: InboundOptions = {}): Promise<Message> {
    const data = options.accountId
      ? this.#account(options.accountId)
      : [...this.#data.values()].find((d) => d.account.numbers.length > 0)!;
    const recent = [...data.conversations.values()]
      .filter((c) => c.conversation.participants.length === 1)
      .sort((a, b) => b.conversation.updatedAt - a.conversation.updatedAt);
    const from =
      options.from ??
      recent[Math.floor(this.#rnd() * Math.min(8, recent.length))]?.conversation.participants[0] ??
      '+12025550143';
    const ownDefault =
      recent.find((c) => c.conversation.participants[0] === from)?.conversation.ownNumber ??
      data.account.numbers[0]?.number;
    const to = options.to ?? ownDefault;
    if (!to) throw new Error('MemoryBackend: this account has no number to receive on.');
    const attachments = [...(options.attachments ?? [])];
    if (options.withAttachment)
      attachments.push(this.#mediaAttachment(this.#rnd() < 0.5 ? 'landscape' : 'portrait', 'photo.png'));
    const text =
      options.text ??
      (attachments.length ? '' : INBOUND_LINES[Math.floor(this.#rnd() * INBOUND_LINES.length)]!);
    let stored = this.#findConversation(data, [from], to);
    if (!stored) stored = this.#createConversation(data, [from], to);
    const now = this.#now();
    const message: Message = {
      id: this.#id('msg'),
      conversationId: stored.conversation.id,
      direction: 'inbound',
      from,
      to: [to],
      text,
      attachments,
      status: 'delivered',
      createdAt: now,
    };
    this.#append(stored, message);
    const keyword = text.trim().toUpperCase();
    let optedOut = stored.conversation.optedOut ?? [];
    if (OPT_OUT.has(keyword)) optedOut = [...new Set([...optedOut, from])];
    if (OPT_IN.has(keyword)) optedOut = optedOut.filter((n) => n !== from);
    stored.conversation = {
      ...stored.conversation,
      lastMessage: message,
      updatedAt: now,
      unreadCount: stored.conversation.unreadCount + 1,
      optedOut,
    };
    this.#emit(data, {
      type: 'message.created',
      message: clone(message),
      conversation: clone(stored.conversation),
    });
    return clone(message);
  }

  /** Starts inbound messages on a timer (demo mode). */
  startDemo({ intervalMs = 20_000 }: { intervalMs?: number } = {}): void {
    this.stopDemo();
    this.#demoTimer = setInterval(() => {
      if (!this.#offline) void this.receive({ withAttachment: this.#rnd() < 0.2 });
    }, intervalMs);
  }

  stopDemo(): void {
    clearInterval(this.#demoTimer);
    this.#demoTimer = undefined;
  }

  /** Stops every timer. */
  dispose(): void {
    this.#disposed = true;
    this.stopDemo();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const data of this.#data.values()) data.listeners.clear();
  }

  // ── request handling (used by MemoryTransport) ────────────────────

  /** @internal */
  async request<T>(
    accountId: string,
    options: RequestOptions | undefined,
    run: (data: AccountData) => T | Promise<T>,
  ): Promise<T> {
    await this.#delay(options?.signal);
    if (this.#offline) throw new TransportError('network', 'The network is unreachable.');
    if (this.#rateLimitMs > this.#now()) {
      throw new TransportError('rate-limited', 'Too many requests.', {
        retryAfterMs: this.#rateLimitMs - this.#now(),
      });
    }
    return run(this.#account(accountId));
  }

  /** @internal */
  subscribe(accountId: string, listener: (event: TransportEvent) => void): () => void {
    const data = this.#account(accountId);
    data.listeners.add(listener);
    return () => data.listeners.delete(listener);
  }

  /** @internal */
  listConversations(data: AccountData, request: ListConversationsRequest): ConversationPage {
    const limit = Math.max(1, Math.min(100, request.limit ?? 30));
    const all = [...data.conversations.values()]
      .map((c) => c.conversation)
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
    let start = 0;
    if (request.cursor) {
      const [updatedAt, id] = decodeCursor(request.cursor) as [number, string];
      // Keyset: everything strictly after (updatedAt desc, id asc) of the last row.
      start = all.findIndex((c) => c.updatedAt < updatedAt || (c.updatedAt === updatedAt && c.id > id));
      if (start === -1) start = all.length;
    }
    const page = all.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start + limit < all.length;
    return {
      conversations: clone(page),
      nextCursor: more && last ? encodeCursor([last.updatedAt, last.id]) : null,
    };
  }

  /** @internal */
  getConversation(data: AccountData, request: ConversationRequest): Conversation {
    return clone(this.#stored(data, request.conversationId).conversation);
  }

  /** @internal */
  findConversation(data: AccountData, request: FindConversationRequest): Conversation | null {
    const found = this.#findConversation(data, request.participants, request.from);
    return found ? clone(found.conversation) : null;
  }

  /** @internal */
  listMessages(data: AccountData, request: ListMessagesRequest): MessagePage {
    const stored = this.#stored(data, request.conversationId);
    const limit = Math.max(1, Math.min(200, request.limit ?? 50));
    const all = stored.messages;
    let from: number;
    let to: number;
    if (request.after !== undefined) {
      const seq = this.#seqCursor(request.after);
      from = this.#indexAfter(all, seq);
      to = Math.min(all.length, from + limit);
    } else {
      to =
        request.before !== undefined
          ? this.#indexAfter(all, this.#seqCursor(request.before) - 1)
          : all.length;
      from = Math.max(0, to - limit);
    }
    const page = all.slice(from, to);
    const lastSeq = page.length
      ? page[page.length - 1]!.seq
      : request.after !== undefined
        ? this.#seqCursor(request.after)
        : (all[from - 1]?.seq ?? -1);
    return {
      messages: clone(page.map((s) => s.message)),
      olderCursor: from > 0 ? `m:${page.length ? page[0]!.seq : all[from - 1]!.seq + 1}` : null,
      newerCursor: `m:${lastSeq}`,
      hasNewer: to < all.length,
    };
  }

  /** @internal */
  async sendMessage(data: AccountData, request: SendMessageRequest): Promise<Message> {
    const existing = data.byClientId.get(request.clientId);
    if (existing) return this.#ack(clone(this.#current(data, existing)));
    if (this.#failSends.count > 0) {
      this.#failSends = { ...this.#failSends, count: this.#failSends.count - 1 };
      if (this.#failSends.kind === 'network')
        throw new TransportError('network', 'The message could not reach the server.');
      throw new TransportError('invalid', 'The server refused the message.', { code: 'refused' });
    }
    const own = data.account.numbers.find((n) => n.number === request.from);
    if (!own)
      throw new TransportError('invalid', `${request.from} is not one of this account's numbers.`, {
        code: 'unknown-number',
      });
    const to = [...new Set(request.to)];
    if (!to.length || to.some((n) => !/^\+[1-9]\d{6,14}$/.test(n))) {
      throw new TransportError('invalid', 'Every recipient must be a valid phone number.', {
        code: 'invalid-recipient',
      });
    }
    const policy = resolvePolicy(own);
    const group = checkRecipients(to.length, policy);
    if (group) throw new TransportError('invalid', group.message, { code: 'toll-free-sms-only' });
    if (request.attachmentIds.length && !policy.attachmentsAllowed) {
      throw new TransportError('invalid', 'Toll-free numbers can only send SMS: no attachments.', {
        code: 'toll-free-sms-only',
      });
    }
    if (typeof request.text !== 'string' || [...request.text].length > SMS_MAX_CHARACTERS) {
      throw new TransportError('invalid', `Messages are limited to ${SMS_MAX_CHARACTERS} characters.`, {
        code: 'text-too-long',
      });
    }
    const attachments = request.attachmentIds.map((id) => {
      const a = data.uploads.get(id);
      if (!a)
        throw new TransportError('invalid', 'An attachment was not uploaded.', {
          code: 'unknown-attachment',
        });
      return a;
    });
    if (
      attachments.length > policy.maxFiles ||
      attachments.reduce((n, a) => n + a.size, 0) > policy.maxMessageBytes
    ) {
      throw new TransportError('invalid', 'The files of this message are over the MMS limits.', {
        code: 'too-large',
      });
    }
    if (!request.text.trim() && attachments.length === 0) {
      throw new TransportError('invalid', 'The message is empty.', { code: 'empty-message' });
    }
    let stored = this.#findConversation(data, to, own.number);
    const optedOut = stored?.conversation.optedOut?.filter((n) => to.includes(n)) ?? [];
    if (optedOut.length) {
      throw new TransportError('invalid', `${optedOut.join(', ')} replied STOP.`, {
        code: 'recipient-opted-out',
      });
    }
    stored ??= this.#createConversation(data, to, own.number);
    const now = this.#now();
    const message: Message = {
      id: this.#id('msg'),
      clientId: request.clientId,
      conversationId: stored.conversation.id,
      direction: 'outbound',
      from: own.number,
      to,
      text: request.text,
      attachments: clone(attachments),
      status: 'queued',
      createdAt: now,
    };
    this.#append(stored, message);
    stored.conversation = { ...stored.conversation, lastMessage: message, updatedAt: now };
    data.byClientId.set(request.clientId, message);
    this.#emit(data, {
      type: 'message.created',
      message: clone(message),
      conversation: clone(stored.conversation),
    });
    this.#carrier(data, stored, message);
    return this.#ack(clone(message));
  }

  /** @internal */
  async uploadAttachment(data: AccountData, request: UploadRequest): Promise<Attachment> {
    const own = data.account.numbers.find((n) => n.number === request.from);
    if (!own)
      throw new TransportError('invalid', `${request.from} is not one of this account's numbers.`, {
        code: 'unknown-number',
      });
    const policy = resolvePolicy(own);
    const detected = await detectFileType(request.file);
    const { rejected } = checkAttachments(
      [],
      [{ name: request.name, size: request.file.size, detected }],
      policy,
    );
    if (rejected.length) {
      const v = rejected[0]!.violation;
      throw new TransportError('invalid', v.message, { code: v.code });
    }
    const total = request.file.size;
    const speed = this.#options.uploadBytesPerSecond ?? 4 * 1024 * 1024;
    const steps = Math.max(2, Math.min(10, Math.ceil(total / 65536)));
    const stepMs = (total / speed) * (1000 / steps);
    for (let i = 1; i <= steps; i++) {
      await this.#sleep(stepMs, request.signal);
      if (this.#offline) throw new TransportError('network', 'The upload was interrupted.');
      request.onProgress?.(Math.round((total * i) / steps), total);
    }
    const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(request.file) : '';
    const dims = detected?.family === 'image' ? await imageSize(request.file) : null;
    const attachment: Attachment = {
      id: this.#id('att'),
      name: request.name,
      type: detected!.mime,
      size: total,
      url,
      ...(dims ?? {}),
    };
    data.uploads.set(attachment.id, attachment);
    return clone(attachment);
  }

  /** @internal */
  deleteMessage(data: AccountData, request: DeleteMessageRequest): void {
    const stored = this.#stored(data, request.conversationId);
    const at = stored.messages.findIndex((s) => s.message.id === request.messageId);
    if (at === -1) throw new TransportError('not-found', 'That message does not exist.');
    stored.messages.splice(at, 1);
    const last = stored.messages[stored.messages.length - 1]?.message;
    const { lastMessage: _old, ...rest } = stored.conversation;
    stored.conversation = last ? { ...rest, lastMessage: last } : rest;
    this.#emit(data, {
      type: 'message.deleted',
      conversationId: request.conversationId,
      messageId: request.messageId,
    });
    this.#emit(data, { type: 'conversation.updated', conversation: clone(stored.conversation) });
  }

  /** @internal */
  deleteConversation(data: AccountData, request: ConversationRequest): void {
    this.#stored(data, request.conversationId);
    data.conversations.delete(request.conversationId);
    this.#emit(data, { type: 'conversation.deleted', conversationId: request.conversationId });
  }

  /** @internal */
  setRead(data: AccountData, request: ConversationRequest, read: boolean): Conversation {
    const stored = this.#stored(data, request.conversationId);
    const unreadCount = read ? 0 : Math.max(1, stored.conversation.unreadCount);
    if (unreadCount !== stored.conversation.unreadCount) {
      stored.conversation = { ...stored.conversation, unreadCount };
      this.#emit(data, { type: 'conversation.updated', conversation: clone(stored.conversation) });
    }
    return clone(stored.conversation);
  }

  /** @internal */
  searchContacts(data: AccountData, request: SearchContactsRequest): Contact[] {
    const limit = Math.max(1, Math.min(100, request.limit ?? 20));
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const query = fold(request.query.trim());
    const digits = request.query.replace(/\D/g, '');
    const matches = data.contacts.filter((c) => {
      if (!query) return true;
      if (fold(c.name).includes(query)) return true;
      return digits.length >= 3 && c.numbers.some((n) => n.number.replace(/\D/g, '').includes(digits));
    });
    return clone(matches.slice(0, limit));
  }

  // ── internals ─────────────────────────────────────────────────────

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #id(prefix: string): string {
    return `${prefix}-${(++this.#idCounter).toString(36)}-${Math.floor(this.#rnd() * 1e9).toString(36)}`;
  }

  #account(accountId: string): AccountData {
    const data = this.#data.get(accountId);
    if (!data) throw new TransportError('auth', 'Not signed in.');
    return data;
  }

  #stored(data: AccountData, conversationId: string): StoredConversation {
    const stored = typeof conversationId === 'string' ? data.conversations.get(conversationId) : undefined;
    if (!stored) throw new TransportError('not-found', 'That conversation does not exist.');
    return stored;
  }

  #findConversation(
    data: AccountData,
    participants: readonly string[],
    from?: string,
  ): StoredConversation | undefined {
    const wanted = new Set(participants);
    for (const stored of data.conversations.values()) {
      const c = stored.conversation;
      if (from && c.ownNumber !== from) continue;
      if (c.participants.length === wanted.size && c.participants.every((p) => wanted.has(p))) return stored;
    }
    return undefined;
  }

  #createConversation(
    data: AccountData,
    participants: readonly string[],
    ownNumber: string,
  ): StoredConversation {
    const names: Record<string, string> = {};
    for (const p of participants) {
      const contact = data.contacts.find((c) => c.numbers.some((n) => n.number === p));
      if (contact) names[p] = contact.name;
    }
    const stored: StoredConversation = {
      conversation: {
        id: this.#id('conv'),
        participants: [...participants],
        ownNumber,
        names,
        unreadCount: 0,
        updatedAt: this.#now(),
      },
      messages: [],
      nextSeq: 0,
    };
    data.conversations.set(stored.conversation.id, stored);
    return stored;
  }

  #append(stored: StoredConversation, message: Message): void {
    stored.messages.push({ seq: stored.nextSeq++, message });
  }

  #current(data: AccountData, message: Message): Message {
    const stored = data.conversations.get(message.conversationId);
    return stored?.messages.find((s) => s.message.id === message.id)?.message ?? message;
  }

  #ack(message: Message): Message {
    if (this.#loseAcks > 0) {
      this.#loseAcks--;
      throw new TransportError('network', 'The connection dropped before the server answered.');
    }
    return message;
  }

  /** Moves an outbound message through the carrier: queued → sent → delivered (or failed). */
  #carrier(data: AccountData, stored: StoredConversation, message: Message): void {
    const [toSent, toDelivered] = this.#options.deliveryMs ?? [300, 900];
    const fails = this.#rnd() < this.#carrierFailureRate;
    const update = (status: MessageStatus, failure?: MessageFailure) => {
      const entry = stored.messages.find((s) => s.message.id === message.id);
      if (!entry || !data.conversations.has(stored.conversation.id)) return;
      entry.message = { ...entry.message, status, updatedAt: this.#now(), ...(failure ? { failure } : {}) };
      if (stored.conversation.lastMessage?.id === message.id) {
        stored.conversation = { ...stored.conversation, lastMessage: entry.message };
      }
      this.#emit(data, {
        type: 'message.status',
        conversationId: message.conversationId,
        messageId: message.id,
        clientId: message.clientId,
        status,
        failure,
        at: this.#now(),
      });
    };
    this.#later(() => {
      update('sent');
      this.#later(
        () =>
          fails
            ? update('failed', { code: 'carrier-rejected', reason: 'The carrier rejected the message.' })
            : update('delivered'),
        toDelivered,
      );
    }, toSent);
  }

  #emit(data: AccountData, event: TransportEvent): void {
    const withId =
      'type' in event && event.type !== 'connection' ? { ...event, eventId: String(++this.#eventId) } : event;
    for (const listener of data.listeners) this.#later(() => listener(clone(withId) as TransportEvent));
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
    const l = this.#options.latencyMs ?? 0;
    if (typeof l === 'number') return l;
    return l[0] + this.#rnd() * (l[1] - l[0]);
  }

  #delay(signal: AbortSignal | undefined): Promise<void> {
    return this.#sleep(this.#latency(), signal);
  }

  #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new TransportError('aborted', 'The request was cancelled.'));
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(new TransportError('aborted', 'The request was cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #seqCursor(cursor: string): number {
    const m = /^m:(-?\d+)$/.exec(cursor);
    if (!m) throw new TransportError('invalid', 'The cursor is not valid.', { code: 'bad-cursor' });
    return Number(m[1]);
  }

  /** Index of the first stored message with a sequence number greater than `seq`. */
  #indexAfter(all: readonly StoredMessage[], seq: number): number {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (all[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #mediaAttachment(kind: DemoMediaKind, name: string): Attachment {
    const media = demoMedia(kind);
    return {
      id: this.#id('att'),
      name,
      type: media?.type ?? (kind === 'video' ? 'video/webm' : 'application/octet-stream'),
      size: media?.blob.size ?? 0,
      url: demoMediaUrl(kind),
      ...(media?.width ? { width: media.width, height: media.height } : {}),
      ...(media?.duration ? { duration: media.duration } : {}),
    };
  }

  #load(seed: SeedAccount): AccountData {
    const data: AccountData = {
      account: seed.account,
      contacts: [...seed.contacts],
      conversations: new Map(),
      uploads: new Map(),
      byClientId: new Map(),
      listeners: new Set(),
    };
    const names: Record<DemoMediaKind, string> = {
      landscape: 'site-photo.png',
      portrait: 'IMG_2041.png',
      wide: 'panorama.png',
      gif: 'thanks.gif',
      pdf: 'work-order-4471.pdf',
      audio: 'voice-note.wav',
      video: 'walkthrough.webm',
    };
    for (const sc of seed.conversations) {
      const id = this.#id('conv');
      const stored: StoredConversation = {
        conversation: {
          id,
          participants: sc.participants,
          ownNumber: sc.ownNumber,
          names: sc.names,
          unreadCount: sc.unreadCount,
          updatedAt: sc.messages[sc.messages.length - 1]?.at ?? this.#now(),
        },
        messages: [],
        nextSeq: 0,
      };
      for (const m of sc.messages) {
        const outbound = !m.inbound;
        const message: Message = {
          id: this.#id('msg'),
          conversationId: id,
          direction: outbound ? 'outbound' : 'inbound',
          from: outbound ? sc.ownNumber : sc.participants[m.senderIndex]!,
          to: outbound ? sc.participants : [sc.ownNumber],
          text: m.text,
          attachments: m.media.map((kind) => this.#mediaAttachment(kind, names[kind])),
          status: m.status,
          ...(m.status === 'failed'
            ? { failure: { code: 'carrier-rejected', reason: 'The carrier rejected the message.' } }
            : {}),
          createdAt: m.at,
        };
        this.#append(stored, message);
      }
      const last = stored.messages[stored.messages.length - 1]?.message;
      if (last) stored.conversation = { ...stored.conversation, lastMessage: last };
      data.conversations.set(id, stored);
    }
    return data;
  }
}

/** Pixel size of an image file where the platform can decode it. */
async function imageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

/** The transport one account sees. */
class MemoryTransport implements Transport {
  readonly #backend: MemoryBackend;
  readonly #accountId: string;

  constructor(backend: MemoryBackend, accountId: string) {
    this.#backend = backend;
    this.#accountId = accountId;
  }

  #run<T>(options: RequestOptions | undefined, fn: (data: AccountData) => T | Promise<T>): Promise<T> {
    return this.#backend.request(this.#accountId, options, fn);
  }

  getAccount(options?: RequestOptions): Promise<Account> {
    return this.#run(options, (d) => clone(d.account));
  }
  listConversations(request: ListConversationsRequest = {}): Promise<ConversationPage> {
    return this.#run(request, (d) => this.#backend.listConversations(d, request));
  }
  getConversation(request: ConversationRequest): Promise<Conversation> {
    return this.#run(request, (d) => this.#backend.getConversation(d, request));
  }
  findConversation(request: FindConversationRequest): Promise<Conversation | null> {
    return this.#run(request, (d) => this.#backend.findConversation(d, request));
  }
  listMessages(request: ListMessagesRequest): Promise<MessagePage> {
    return this.#run(request, (d) => this.#backend.listMessages(d, request));
  }
  sendMessage(request: SendMessageRequest): Promise<Message> {
    return this.#run(request, (d) => this.#backend.sendMessage(d, request));
  }
  uploadAttachment(request: UploadRequest): Promise<Attachment> {
    return this.#run(request, (d) => this.#backend.uploadAttachment(d, request));
  }
  deleteMessage(request: DeleteMessageRequest): Promise<void> {
    return this.#run(request, (d) => this.#backend.deleteMessage(d, request));
  }
  deleteConversation(request: ConversationRequest): Promise<void> {
    return this.#run(request, (d) => this.#backend.deleteConversation(d, request));
  }
  markRead(request: ConversationRequest): Promise<Conversation> {
    return this.#run(request, (d) => this.#backend.setRead(d, request, true));
  }
  markUnread(request: ConversationRequest): Promise<Conversation> {
    return this.#run(request, (d) => this.#backend.setRead(d, request, false));
  }
  searchContacts(request: SearchContactsRequest): Promise<readonly Contact[]> {
    return this.#run(request, (d) => this.#backend.searchContacts(d, request));
  }
  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.#backend.subscribe(this.#accountId, listener);
  }
}

/** Creates the in-memory demo backend; see {@link MemoryBackend}. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  return new MemoryBackend(options);
}
