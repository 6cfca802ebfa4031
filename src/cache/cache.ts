import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { Action } from '../store/actions.js';
import type { Draft, MessagesState } from '../store/state.js';

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
}

/** A conversation's cached messages (a contiguous window ending at the newest known). */
export interface CachedThread {
  /** Oldest first. */
  readonly messages: readonly Message[];
  readonly olderCursor: string | null;
  readonly newerCursor: string | null;
}

/** What start-up reads before the network answers. */
export interface CacheSnapshot {
  readonly account: Account | null;
  /** Newest activity first. */
  readonly conversations: readonly Conversation[];
  readonly conversationsCursor: string | null;
  readonly drafts: Readonly<Record<string, Draft>>;
  /** In the order they were written. */
  readonly outbox: readonly OutboxRecord[];
}

/**
 * How the cache is doing: `ok`; `unavailable` (no IndexedDB, or it failed to open);
 * `full` (the browser refused to store more); `blocked` (an old tab holds an older version open).
 * In every state but `ok` the client keeps working from memory and still sends.
 */
export type CacheHealth = 'ok' | 'unavailable' | 'full' | 'blocked';

/**
 * The client's local store: a speed-up for start-up and the home of unsent work, never the
 * source of truth. {@link createIndexedDbCache} is the browser implementation.
 */
export interface MessagesCache {
  /** Opens the store and reads what start-up needs. Never rejects: a broken store reads as empty. */
  open(): Promise<CacheSnapshot>;
  /** The cached messages of one conversation, if any. */
  thread(conversationId: string): Promise<CachedThread | null>;
  /** Mirrors one state change; writes are batched into one transaction per burst. */
  record(action: Action, state: MessagesState): void;
  /** Commits a message to the outbox; resolves once it is durable (or the store is broken). */
  putOutbox(record: OutboxRecord): Promise<void>;
  /** Removes an acknowledged (or deleted) message from the outbox. */
  removeOutbox(clientId: string): Promise<void>;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  /** Current health. */
  readonly health: CacheHealth;
  /** Calls `listener` when the health changes; returns the unsubscribe function. */
  onHealthChange(listener: (health: CacheHealth) => void): () => void;
  /** Deletes everything of this account and user (sign-out). */
  clear(): Promise<void>;
  /** Closes the store (the data stays). */
  close(): void;
}
