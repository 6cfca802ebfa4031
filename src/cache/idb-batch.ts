import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import type { Message } from '../model/message.js';
import { mergeMessage } from '../rules/message-status.js';
import type { CacheWrite } from './cache.js';
import type { CacheSchema } from './idb-schema.js';
import { messageKey, messagesOf, stored } from './idb-schema.js';

/** A queued write and when it was asked for (a window's `viewedAt`). */
export interface Queued {
  readonly write: CacheWrite;
  readonly at: number;
}

/** How long changes gather before they are written in one transaction. */
const WRITE_DELAY_MS = 40;

/**
 * How long they gather while they keep coming (a burst of inbound texts changes every chat many
 * times a second; each batch clones each changed chat once on the main thread): decision 0019.
 */
const STREAM_WRITE_DELAY_MS = 200;

/** Batches in a row, each begun within {@link STREAM_GAP_MS} of the one before, that make a stream. */
const STREAM_BATCHES = 5;
const STREAM_GAP_MS = 100;

/**
 * Gathers writes into batches: one transaction per burst, every {@link WRITE_DELAY_MS}, and every
 * {@link STREAM_WRITE_DELAY_MS} once a stream has lasted a few batches. Batches are committed one
 * after the other, in order.
 */
export class WriteBatcher {
  readonly #commit: (queued: Queued[]) => Promise<void>;
  #pending: Queued[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushing: Promise<void> = Promise.resolve();
  /** When the last batch was handed to a transaction, and how many batches in a row began soon after. */
  #lastFlushAt = -Infinity;
  #streak = 0;

  /** `commit` never rejects (the cache reports its failures). */
  constructor(commit: (queued: Queued[]) => Promise<void>) {
    this.#commit = commit;
  }

  add(writes: readonly CacheWrite[], at: number): void {
    for (const write of writes) this.#pending.push({ write, at });
    if (this.#timer) return;
    const now = performance.now();
    this.#streak = now - this.#lastFlushAt < STREAM_GAP_MS ? this.#streak + 1 : 0;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        void this.flush();
      },
      this.#streak >= STREAM_BATCHES ? STREAM_WRITE_DELAY_MS : WRITE_DELAY_MS,
    );
  }

  /** Commits what is pending now; resolves when every batch so far is committed. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const batch = this.#pending;
    this.#pending = [];
    this.#lastFlushAt = performance.now();
    this.#flushing = this.#flushing.then(() => (batch.length ? this.#commit(batch) : undefined));
    return this.#flushing;
  }

  /** Forgets what is pending; resolves when the batches already handed over are committed. */
  drop(): Promise<void> {
    this.#pending = [];
    return this.#flushing;
  }
}

/**
 * Writes one batch in one transaction; resolves with the number of messages put. Rejects with the
 * transaction's error.
 */
export async function commitBatch(db: IDBPDatabase<CacheSchema>, queued: readonly Queued[]): Promise<number> {
  const tx = db.transaction(['meta', 'conversations', 'messages', 'threads', 'drafts'], 'readwrite');
  const known = await storedCopies(tx.objectStore('messages'), queued);
  const deletions: Promise<unknown>[] = [];
  const deleteMessagesOf = (conversationId: string) =>
    deletions.push(tx.objectStore('messages').delete(messagesOf(conversationId)));
  const superseded = supersededWrites(queued);
  let puts = 0;
  for (const [i, { write, at }] of queued.entries()) {
    // A later write of the same record decides what it holds: only that one is written (a burst
    // updates its chats and the push channel's progress once per message).
    const last = !superseded.has(i);
    if (!last && write.op !== 'put-message' && write.op !== 'delete-message') continue;
    switch (write.op) {
      case 'put-account':
        void tx.objectStore('meta').put(write.account, 'account');
        break;
      case 'put-conversations-cursor':
        void tx.objectStore('meta').put(write.cursor, 'conversationsCursor');
        break;
      case 'put-sync':
        void tx.objectStore('meta').put(write.sync, 'sync');
        break;
      case 'put-conversation':
        void tx.objectStore('conversations').put(write.conversation);
        break;
      case 'delete-conversation':
        void tx.objectStore('conversations').delete(write.conversationId);
        deleteMessagesOf(write.conversationId);
        void tx.objectStore('threads').delete(write.conversationId);
        void tx.objectStore('drafts').delete(write.conversationId);
        break;
      case 'put-message': {
        const row = stored(write.message);
        // Another tab already stored it acknowledged: this is a late copy of its echo.
        if (known.acknowledged.has(row.key)) break;
        const current = known.copies.get(row.key);
        const message = current && !write.retried ? mergeMessage(current, write.message) : write.message;
        known.copies.set(row.key, message);
        if (!last) break;
        puts++;
        void tx.objectStore('messages').put(message === write.message ? row : stored(message));
        break;
      }
      case 'delete-message': {
        const key = messageKey(write.conversationId, write.messageId);
        known.copies.delete(key);
        void tx.objectStore('messages').delete(key);
        break;
      }
      case 'clear-messages':
        deleteMessagesOf(write.conversationId);
        break;
      case 'put-window':
        void tx.objectStore('threads').put({
          conversationId: write.conversationId,
          olderCursor: write.olderCursor,
          newerCursor: write.newerCursor,
          viewedAt: at,
        });
        break;
      case 'put-draft':
        void tx.objectStore('drafts').put({ conversationId: write.key, draft: write.draft });
        break;
      case 'delete-draft':
        void tx.objectStore('drafts').delete(write.key);
        break;
    }
  }
  // Everything is asked for: commit now, without waiting for the main thread to take each
  // request's success event first (a burst keeps it busy).
  tx.commit();
  await Promise.all([...deletions, tx.done]);
  return puts;
}

/**
 * The indexes of the writes a later write of the same record overrides: puts of the account, the
 * cursor, the sync progress, a conversation, a window, a draft, and puts of a message followed by
 * another put or a delete of it. The last write of a record is never superseded.
 */
function supersededWrites(queued: readonly Queued[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  for (let i = queued.length - 1; i >= 0; i--) {
    const key = recordOf(queued[i]!.write);
    if (key === null) continue;
    if (seen.has(key)) out.add(i);
    else seen.add(key);
  }
  return out;
}

/** The one record a write replaces whole, or `null` for writes that touch several. */
function recordOf(write: CacheWrite): string | null {
  switch (write.op) {
    case 'put-account':
    case 'put-conversations-cursor':
    case 'put-sync':
      return write.op;
    case 'put-conversation':
      return `conversation:${write.conversation.id}`;
    case 'put-window':
      return `window:${write.conversationId}`;
    case 'put-draft':
    case 'delete-draft':
      return `draft:${write.key}`;
    case 'put-message':
      return `message:${stored(write.message).key}`;
    case 'delete-message':
      return `message:${messageKey(write.conversationId, write.messageId)}`;
    default:
      return null;
  }
}

/**
 * What the database holds of the messages a batch puts: the stored copy under each key, and the
 * keys of unacknowledged copies whose acknowledged copy is stored (same client id and creation
 * time: an acknowledged message keeps the time it was written here).
 */
async function storedCopies(
  messages: IDBPObjectStore<CacheSchema, ArrayLike<StoreNames<CacheSchema>>, 'messages', 'readwrite'>,
  queued: readonly Queued[],
): Promise<{ copies: Map<string, Message>; acknowledged: Set<string> }> {
  const copies = new Map<string, Message>();
  const acknowledged = new Set<string>();
  const puts = new Map<string, Message>();
  for (const { write } of queued)
    if (write.op === 'put-message') puts.set(stored(write.message).key, write.message);
  await Promise.all(
    [...puts].map(async ([key, message]) => {
      const row = await messages.get(key);
      if (row) copies.set(key, row.message);
      if (message.clientId === undefined || message.id !== message.clientId) return;
      const same = await messages.index('byConversation').getAll([message.conversationId, message.createdAt]);
      if (same.some((r) => r.message.clientId === message.clientId && r.message.id !== message.clientId))
        acknowledged.add(key);
    }),
  );
  return { copies, acknowledged };
}
