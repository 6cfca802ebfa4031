// The memory backend’s state (accounts’ data in maps, timers, failure injection) and the internals every
// resource uses: ids, lookups, copies, events, latency, the carrier.
import type { Account, OwnNumber } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import type { DetectedFileType, ResolvedPolicy } from '../../rules/index.js';
import { TransportError } from '../errors.js';
import type { SearchKeys } from '../search-match.js';
import type { ScheduledMessage, TransportEvent } from '../transport.js';
import { demoMedia, demoMediaUrl } from './media.js';
import type { DemoMediaKind } from './media.js';
import { afterSent, carrierFails, carrierStep, DEFAULT_DELIVERY_MS } from '../backend/carrier.js';
import { readLimit, readSeqCursor } from '../backend/cursors.js';
import { filesRefusal } from '../backend/requests.js';
import { random } from './seed.js';
import type { SeedConversation } from './seed.js';
import type { MemoryBackendOptions, InjectedFailure, MemoryHandlers } from './types.js';
import { DEMO_URL, seedMessage } from './seed-data.js';

export interface StoredMessage {
  /** Position in the conversation; never reused, so message cursors survive deletes and arrivals. */
  readonly seq: number;
  message: Message;
}

export interface StoredConversation {
  conversation: Conversation;
  /** `null` until first read, for seeded conversations (a huge thread costs nothing until then). */
  messages: StoredMessage[] | null;
  readonly seed?: SeedConversation;
  nextSeq: number;
}

export interface StoredUpload {
  readonly attachment: Attachment;
  readonly detected: DetectedFileType;
}

export interface AccountData {
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

export const invalid = (code: string, message: string) => new TransportError('invalid', message, { code });
export const notFound = (message: string) => new TransportError('not-found', message);
export const aborted = () => new TransportError('aborted', 'The request was cancelled.');

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const wanted = new Set(b);
  return a.length === wanted.size && a.every((n) => wanted.has(n));
}

export function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 0;
}

/** A page size (see {@link readLimit}); anything but a number gives the default, as before. */
export function pageSize(limit: unknown, fallback: number, max: number): number {
  return typeof limit === 'number' ? (readLimit(limit, fallback, max) ?? fallback) : fallback;
}

/** Index of the first stored message with a `seq` greater than `seq` (binary search). */
export function indexAfter(all: readonly StoredMessage[], seq: number): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The memory backend’s state and internals (not exported from the package). */
export class MemoryState {
  readonly options: MemoryBackendOptions;
  readonly data = new Map<string, AccountData>();
  readonly rnd: () => number;
  readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly objectUrls = new Set<string>();
  /** The timer of each scheduled message, by its id. */
  readonly scheduleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Folded words and digits per message object (a status change makes a new object). */
  readonly searchKeys = new WeakMap<Message, SearchKeys>();
  eventId = 0;
  idCounter = 0;
  lastActivity = 0;
  offline = false;
  failSends: { count: number; kind: InjectedFailure } = { count: 0, kind: 'network' };
  loseAcks = 0;
  rateLimitUntil = 0;
  rateLimitNext = { count: 0, retryAfterMs: 1000 };
  carrierFailureRate: number;
  disposed = false;

  constructor(options: MemoryBackendOptions) {
    this.options = options;
    this.rnd = random((options.seed ?? 1) * 7919 + 17);
    this.carrierFailureRate = clamp01(options.carrierFailureRate ?? 0);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A time for new activity, strictly after all earlier activity, so it sorts on top. */
  activity(): number {
    this.lastActivity = Math.max(this.now(), this.lastActivity + 1);
    return this.lastActivity;
  }

  id(prefix: string): string {
    return `${prefix}-${(++this.idCounter).toString(36)}${Math.floor(this.rnd() * 36 ** 4).toString(36)}`;
  }

  own(data: AccountData, number: unknown): OwnNumber {
    const own = data.account.numbers.find((n) => n.number === number);
    if (!own) throw invalid('unknown-number', `${String(number)} is not one of this account's numbers.`);
    return own;
  }

  stored(data: AccountData, conversationId: unknown): StoredConversation {
    const stored = typeof conversationId === 'string' ? data.conversations.get(conversationId) : undefined;
    if (!stored) throw notFound('That conversation does not exist.');
    return stored;
  }

  find(data: AccountData, participants: readonly string[], from?: string): StoredConversation | undefined {
    for (const stored of data.conversations.values()) {
      const c = stored.conversation;
      if ((!from || c.ownNumber === from) && sameSet(c.participants, participants)) return stored;
    }
    return undefined;
  }

  create(data: AccountData, participants: readonly string[], ownNumber: string): StoredConversation {
    const names: Record<string, string> = {};
    for (const p of participants) {
      const contact = data.contacts.find((c) => c.numbers.some((n) => n.number === p));
      if (contact) names[p] = contact.name;
    }
    const optedOut = participants.filter((p) => data.optOuts.has(`${ownNumber}|${p}`));
    const stored: StoredConversation = {
      conversation: {
        id: this.id('conv'),
        participants: [...participants],
        ownNumber,
        names,
        unreadCount: 0,
        updatedAt: this.activity(),
        ...(optedOut.length ? { optedOut } : {}),
      },
      messages: [],
      nextSeq: 0,
    };
    data.conversations.set(stored.conversation.id, stored);
    return stored;
  }

  messages(stored: StoredConversation): StoredMessage[] {
    if (!stored.messages) {
      const seed = stored.seed!;
      const messages: StoredMessage[] = new Array(seed.messageCount);
      for (let i = 0; i < seed.messageCount; i++) {
        messages[i] = { seq: i, message: seedMessage(stored.conversation.id, seed, i) };
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

  append(stored: StoredConversation, message: Message): void {
    this.messages(stored).push({ seq: stored.nextSeq++, message });
  }

  checkFiles(uploads: readonly StoredUpload[], policy: ResolvedPolicy): void {
    const files = uploads.map((u) => ({
      name: u.attachment.name,
      size: u.attachment.size,
      detected: u.detected,
    }));
    const refusal = filesRefusal(files, policy);
    if (refusal) throw invalid(refusal.code, refusal.message);
  }

  ack(message: Message): Message {
    if (this.loseAcks > 0) {
      this.loseAcks--;
      throw new TransportError('network', 'The connection dropped before the server answered.');
    }
    return message;
  }

  /** Moves an outbound message through the carrier: queued → sent → delivered (or failed). */
  carrier(data: AccountData, stored: StoredConversation, messageId: string): void {
    const [toSent, toDelivered] = this.options.deliveryMs ?? DEFAULT_DELIVERY_MS;
    const fails = carrierFails(this.carrierFailureRate, this.rnd());
    const update = (status: 'sent' | 'delivered' | 'failed') => {
      const entry = stored.messages?.find((s) => s.message.id === messageId);
      if (!entry || data.conversations.get(stored.conversation.id) !== stored) return;
      const { message, event } = carrierStep(entry.message, status, this.now());
      entry.message = message;
      if (stored.conversation.lastMessage?.id === messageId) {
        stored.conversation = { ...stored.conversation, lastMessage: message };
      }
      this.emit(data, event);
    };
    this.later(() => {
      update('sent');
      this.later(() => update(afterSent(fails)), toDelivered);
    }, toSent);
  }

  /** Pushes an event to every listener of the account, each asynchronously, in order. */
  emit(data: AccountData, event: TransportEvent): void {
    if (this.offline) return;
    const numbered = { ...event, eventId: String(++this.eventId) } as TransportEvent;
    for (const listener of data.listeners) {
      this.later(() => {
        if (data.listeners.has(listener)) listener(structuredClone(numbered));
      });
    }
  }

  later(fn: () => void, ms = 0): void {
    if (this.disposed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  latency(): number {
    const l = this.options.latencyMs ?? [120, 400];
    if (typeof l === 'number') return Math.max(0, l);
    return l[0] + this.rnd() * (l[1] - l[0]);
  }

  sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

  seqCursor(stored: StoredConversation, cursor: unknown): number {
    const seq = readSeqCursor(cursor, stored.conversation.id);
    if (seq === undefined) throw invalid('bad-cursor', 'The cursor is not valid for this conversation.');
    return seq;
  }

  /** A copy of a message for the outside, with demo files pointing at their object URLs. */
  message(message: Message): Message {
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

  conversation(conversation: Conversation): Conversation {
    const copy = structuredClone(conversation);
    return copy.lastMessage ? { ...copy, lastMessage: this.message(copy.lastMessage) } : copy;
  }
}
