import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Conversation } from '../model/conversation.js';
import type { Draft } from '../model/draft.js';
import type { Message } from '../model/message.js';
import type { OutboxRecord } from './cache.js';

/** The current schema version; each earlier version has an upgrade step in {@link upgradeCache}. */
export const CACHE_VERSION = 1;

/** A cached message with the keys it is found by. */
export interface StoredMessage {
  /** `conversationId + "\u0000" + id` (the client id until the server acknowledges). */
  readonly key: string;
  readonly conversationId: string;
  readonly createdAt: number;
  readonly message: Message;
}

/** A conversation's cached window: where older and newer messages continue, and when it was viewed. */
export interface StoredWindow {
  readonly conversationId: string;
  readonly olderCursor: string | null;
  readonly newerCursor: string | null;
  readonly viewedAt: number;
}

/** The typed schema of one account's database. */
export interface CacheSchema extends DBSchema {
  meta: { key: string; value: unknown };
  conversations: { key: string; value: Conversation; indexes: { updatedAt: number } };
  messages: { key: string; value: StoredMessage; indexes: { byConversation: [string, number] } };
  threads: { key: string; value: StoredWindow; indexes: { viewedAt: number } };
  drafts: { key: string; value: { conversationId: string; draft: Draft } };
  outbox: { key: string; value: OutboxRecord & { order: number }; indexes: { order: number } };
}

/** The name of a store. */
export type CacheStore = StoreNames<CacheSchema>;

/** Every store: what the reads asked for while the database opens share one transaction over. */
export const ALL_STORES: CacheStore[] = ['meta', 'conversations', 'messages', 'threads', 'drafts', 'outbox'];

/**
 * A read-only transaction. The reads name the stores they use; the caller makes sure the
 * transaction covers them (`db.transaction<CacheStore[]>([...], 'readonly')`).
 */
export type ReadTransaction = IDBPTransaction<CacheSchema, CacheStore[], 'readonly'>;

/** The database name for an account and user. */
export function cacheDatabaseName(accountId: string, userId: string): string {
  return `sms-elements:${encodeURIComponent(accountId)}:${encodeURIComponent(userId)}`;
}

/** One step per version: a database of any earlier version walks through each. */
export function upgradeCache(db: IDBPDatabase<CacheSchema>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('meta');
    db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('messages', { keyPath: 'key' }).createIndex('byConversation', [
      'conversationId',
      'createdAt',
    ]);
    db.createObjectStore('threads', { keyPath: 'conversationId' }).createIndex('viewedAt', 'viewedAt');
    db.createObjectStore('drafts', { keyPath: 'conversationId' });
    db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('order', 'order');
  }
}

const SEP = '\u0000';

/** The key a message is stored under. */
export function messageKey(conversationId: string, messageId: string): string {
  return `${conversationId}${SEP}${messageId}`;
}

/** Every stored message of a conversation, by key. */
export function messagesOf(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound(`${conversationId}${SEP}`, `${conversationId}${SEP}\uffff`);
}

/** A message as stored. */
export function stored(message: Message): StoredMessage {
  return {
    key: messageKey(message.conversationId, message.id),
    conversationId: message.conversationId,
    createdAt: message.createdAt,
    message,
  };
}

/** Whether the browser refused to store more. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}
