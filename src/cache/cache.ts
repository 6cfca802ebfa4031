import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Draft } from '../model/draft.js';
import type { Message } from '../model/message.js';
import type { PushSync } from '../model/sync.js';

/** A message waiting for the server's acknowledgement, kept across reloads. */
export interface OutboxRecord {
  /** The idempotency key; also the record's key. */
  readonly clientId: string;
  /** The conversation it was written in (may be provisional: `pending:…`). */
  readonly conversationId: string;
  /** The message as written, with its current status. */
  readonly message: Message;
  /** When it was written (ms); the automatic retry window counts from here. */
  readonly since: number;
  /**
   * Its place in the order of sends, shared by every tab of the account: the position in which
   * send was pressed. Given by {@link MessagesCache.putOutbox} when absent.
   */
  readonly order?: number;
}

/**
 * A page of a conversation's cached messages (the cache holds a contiguous window ending at
 * the newest known; it is read newest page first).
 */
export interface CachedThread {
  /** Oldest first. */
  readonly messages: readonly Message[];
  /**
   * Where older messages come from: a cache cursor (see {@link isCacheCursor}) while the cache
   * holds older ones, then the server's cursor for what lies before the cached window, or `null`
   * at the start of the conversation.
   */
  readonly olderCursor: string | null;
  readonly newerCursor: string | null;
}

const CACHE_CURSOR = 'sms-cache:';

/** Whether an `olderCursor` points into the local cache rather than to the server. */
export function isCacheCursor(cursor: string | null | undefined): cursor is string {
  return typeof cursor === 'string' && cursor.startsWith(CACHE_CURSOR);
}

/** A cache cursor: the messages of the conversation created before `createdAt`. */
export function cacheCursor(createdAt: number): string {
  return `${CACHE_CURSOR}${createdAt}`;
}

/** The time a cache cursor stands for, or `null` if it is not one. */
export function cacheCursorTime(cursor: string): number | null {
  if (!isCacheCursor(cursor)) return null;
  const t = Number(cursor.slice(CACHE_CURSOR.length));
  return Number.isFinite(t) ? t : null;
}

/** What start-up reads before the network answers. */
export interface CacheSnapshot {
  readonly account: Account | null;
  /** Newest activity first: the first page of them (see `conversationsCursor`). */
  readonly conversations: readonly Conversation[];
  /** A cache cursor while the cache holds more (read them with `conversations()`), else the server's. */
  readonly conversationsCursor: string | null;
  readonly drafts: Readonly<Record<string, Draft>>;
  /** Where the push channel left off and what was notified, if known. */
  readonly sync?: PushSync;
  /** In the order they were written (by `order`). */
  readonly outbox: readonly OutboxRecord[];
}

/**
 * One write to the cache: a plain storage operation, in the words of the stored data (the store
 * translates its state changes into these: `store/effects/persist.ts`). A cache applies the
 * writes of one {@link MessagesCache.write} call in order.
 */
export type CacheWrite =
  | { readonly op: 'put-account'; readonly account: Account }
  | { readonly op: 'put-conversation'; readonly conversation: Conversation }
  /** Where the server's list continues after the oldest cached conversation (`null`: its end). */
  | { readonly op: 'put-conversations-cursor'; readonly cursor: string | null }
  /** The conversation and everything kept of it: its messages, its window and its draft. */
  | { readonly op: 'delete-conversation'; readonly conversationId: string }
  /**
   * Stores a message under its `id` (a message not yet acknowledged has its client id there).
   * Tabs write the same message, each its own view and some of them late: a put never takes the
   * stored status back (but `retried`, the person's retry of a failed message), and the copy of
   * a message not yet acknowledged is not stored next to its acknowledged copy.
   */
  | { readonly op: 'put-message'; readonly message: Message; readonly retried?: boolean }
  | { readonly op: 'delete-message'; readonly conversationId: string; readonly messageId: string }
  /** Every cached message of a conversation (its window and draft stay). */
  | { readonly op: 'clear-messages'; readonly conversationId: string }
  /**
   * The cached window of a conversation: where older and newer messages continue. Also marks the
   * conversation as viewed now, for eviction.
   */
  | {
      readonly op: 'put-window';
      readonly conversationId: string;
      readonly olderCursor: string | null;
      readonly newerCursor: string | null;
    }
  /** `key` is a conversation id, or the key of a conversation not started yet. */
  | { readonly op: 'put-draft'; readonly key: string; readonly draft: Draft }
  | { readonly op: 'delete-draft'; readonly key: string }
  | { readonly op: 'put-sync'; readonly sync: PushSync };

/**
 * How the cache is doing: `ok`; `unavailable` (no IndexedDB, or it failed to open);
 * `full` (the browser refused to store more); `blocked` (an old tab holds an older version open).
 * In every state but `ok` the client keeps working from memory and still sends.
 */
export type CacheHealth = 'ok' | 'unavailable' | 'full' | 'blocked';

/**
 * A storage failure: what the cache was doing (`open`ing the store, a `read`, a `write` of cached
 * data, the `outbox`, `clear`ing it at sign-out) and the browser's error. The client reports it
 * to the host (its `error` event, `sms-error` on the elements) as `cache.<operation>`.
 */
export interface CacheFailure {
  readonly operation: 'open' | 'read' | 'write' | 'outbox' | 'clear';
  readonly error: Error;
}

/**
 * The client's local store: a speed-up for start-up and the home of unsent work, never the
 * source of truth. {@link createIndexedDbCache} is the browser implementation.
 */
export interface MessagesCache {
  /** Opens the store and reads what start-up needs. Never rejects: a broken store reads as empty. */
  open(): Promise<CacheSnapshot>;
  /**
   * The newest cached messages of one conversation (at most `limit`, default 200), if any;
   * with a cache cursor from a previous page, the `limit` messages before it.
   */
  thread(conversationId: string, options?: { before?: string; limit?: number }): Promise<CachedThread | null>;
  /** The cached conversations older than a cache cursor from `open()` or a previous call. */
  conversations(
    before: string,
    limit?: number,
  ): Promise<{ conversations: readonly Conversation[]; nextCursor: string | null }>;
  /**
   * Queues writes, in order; they are batched into one transaction per burst. Never throws: a
   * failed write shows in {@link MessagesCache.health}.
   */
  write(writes: readonly CacheWrite[]): void;
  /**
   * Commits a message to the outbox; resolves once it is durable with its `order` (the record's
   * own, or the next of the counter every tab of the account shares), or with `undefined` when
   * the store is broken.
   */
  putOutbox(record: OutboxRecord): Promise<number | undefined>;
  /** Removes an acknowledged (or deleted) message from the outbox. */
  removeOutbox(clientId: string): Promise<void>;
  /**
   * Reads the outbox alone, in send order (what {@link MessagesCache.open} returns as `outbox`).
   * The leader tab reads it after committing each new send, to send first what another tab
   * committed earlier and had not handed over yet. Optional: without it the client reads
   * `open()`'s outbox instead.
   */
  outbox?(): Promise<readonly OutboxRecord[]>;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  /** Current health. */
  readonly health: CacheHealth;
  /** Calls `listener` when the health changes; returns the unsubscribe function. */
  onHealthChange(listener: (health: CacheHealth) => void): () => void;
  /**
   * Calls `listener` with the conversations whose messages the cache dropped to stay within its
   * size (least recently viewed first), after they are gone; returns the unsubscribe function.
   * Copies that follow the cache (the search index) drop the same ones. Optional: a cache that
   * never evicts need not offer it.
   */
  onEvict?(listener: (conversationIds: readonly string[]) => void): () => void;
  /**
   * Calls `listener` with every storage failure (the health tells the person what it means for
   * them; this tells the host what failed); returns the unsubscribe function. Optional.
   */
  onError?(listener: (failure: CacheFailure) => void): () => void;
  /** Deletes everything of this account and user (sign-out); rejects when the browser could not. */
  clear(): Promise<void>;
  /** Closes the store (the data stays). */
  close(): void;
}
