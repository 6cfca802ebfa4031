import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { PushSync } from '../model/sync.js';
import { cacheCursor } from './cache.js';
import type { CacheSnapshot, CachedThread } from './cache.js';
import type { ReadTransaction, StoredMessage } from './idb-schema.js';

/**
 * The reads of the IndexedDB cache, each over a transaction it is given (so reads asked for at
 * once can share one). Every page is read in a few requests whatever its size, never a row at a
 * time: each request's answer waits for the main thread, which a cold start keeps busy.
 */

/** Conversations read per page at start-up (the list shows about 10; more page in as it scrolls). */
export const FIRST_CONVERSATIONS = 100;

/** Messages read per page of a thread. */
export const THREAD_PAGE = 200;

/** What start-up reads (stores `meta`, `conversations`, `drafts`, `outbox`). */
export async function readSnapshot(tx: ReadTransaction): Promise<CacheSnapshot> {
  const [account, sync, page, drafts, outbox] = await Promise.all([
    tx.objectStore('meta').get('account'),
    tx.objectStore('meta').get('sync'),
    readConversations(tx, null, FIRST_CONVERSATIONS),
    tx.objectStore('drafts').getAll(),
    tx.objectStore('outbox').index('order').getAll(),
  ]);
  return {
    account: (account as Account | undefined) ?? null,
    conversations: page.conversations,
    conversationsCursor: page.nextCursor,
    drafts: Object.fromEntries(drafts.map((d) => [d.conversationId, d.draft])),
    outbox,
    ...(sync ? { sync: sync as PushSync } : {}),
  };
}

/**
 * Newest activity first, at most `limit` conversations updated before `before` (all when `null`),
 * never splitting conversations of the same instant. `nextCursor` is a cache cursor while the
 * cache holds more, then the server's cursor stored after the oldest cached chat. Stores `meta`
 * and `conversations`.
 */
export async function readConversations(
  tx: ReadTransaction,
  before: number | null,
  limit: number,
): Promise<{ conversations: Conversation[]; nextCursor: string | null }> {
  const index = tx.objectStore('conversations').index('updatedAt');
  const { rows, oldest, more } = await newestPage<number, Conversation>(
    index,
    before === null ? null : IDBKeyRange.upperBound(before, true),
    limit,
    (key) => (before === null ? IDBKeyRange.lowerBound(key) : IDBKeyRange.bound(key, before, false, true)),
    (key) => IDBKeyRange.upperBound(key, true),
  );
  const conversations = rows.reverse();
  if (more) return { conversations, nextCursor: cacheCursor(oldest!) };
  const server = await tx.objectStore('meta').get('conversationsCursor');
  return { conversations, nextCursor: typeof server === 'string' ? server : null };
}

/**
 * The newest `limit` cached messages of a conversation created before `before` (all when `null`),
 * and whether its window is stored at all (stores `messages` and `threads`). `null` when nothing
 * of it is cached.
 */
export async function readThread(
  tx: ReadTransaction,
  conversationId: string,
  before: number | null,
  limit: number,
): Promise<CachedThread | null> {
  const upper = before === null ? Infinity : before;
  const open = before !== null;
  const [window, { rows: page, more }] = await Promise.all([
    tx.objectStore('threads').get(conversationId),
    newestPage<[string, number], StoredMessage>(
      tx.objectStore('messages').index('byConversation'),
      IDBKeyRange.bound([conversationId, -Infinity], [conversationId, upper], false, open),
      limit,
      ([, oldest]) => IDBKeyRange.bound([conversationId, oldest], [conversationId, upper], false, open),
      ([, oldest]) => IDBKeyRange.bound([conversationId, -Infinity], [conversationId, oldest], false, true),
    ),
  ]);
  if (!window || page.length === 0) return null;
  return {
    messages: page.map((r) => r.message),
    olderCursor: more ? cacheCursor(page[0]!.createdAt) : window.olderCursor,
    newerCursor: window.newerCursor,
  };
}

/** The part of an index {@link newestPage} reads (idb's typed index, whatever its store). */
interface PagedIndex<V> {
  openKeyCursor(
    range: IDBKeyRange | null,
    direction: 'prev',
  ): Promise<{ readonly key: unknown; advance(count: number): Promise<unknown> } | null>;
  getAll(range: IDBKeyRange | null): Promise<V[]>;
  getKey(range: IDBKeyRange): Promise<unknown>;
}

/**
 * The newest rows of an index within `range`: at least `limit` of them when there are that many,
 * and every row sharing the oldest returned key (a page never splits rows of the same instant, so
 * the next page resumes strictly before that key). Oldest first. One key cursor that jumps
 * `limit - 1` rows back, one `getAll` from the key it lands on, and one look for a single older
 * key (not a count: counting walks every older row, 100,000 in a long thread).
 */
async function newestPage<K, V>(
  index: PagedIndex<V>,
  range: IDBKeyRange | null,
  limit: number,
  from: (oldest: K) => IDBKeyRange,
  olderThan: (oldest: K) => IDBKeyRange,
): Promise<{ rows: V[]; oldest: K | undefined; more: boolean }> {
  const newest = await index.openKeyCursor(range, 'prev');
  if (!newest) return { rows: [], oldest: undefined, more: false };
  const edge = (limit > 1 ? await newest.advance(limit - 1) : newest) as { readonly key: unknown } | null;
  if (!edge) return { rows: await index.getAll(range), oldest: undefined, more: false };
  const oldest = edge.key as K;
  const [rows, older] = await Promise.all([index.getAll(from(oldest)), index.getKey(olderThan(oldest))]);
  return { rows, oldest, more: older !== undefined };
}
