import type { IDBPDatabase } from 'idb';
import type { CacheSchema } from './idb-schema.js';
import { messagesOf } from './idb-schema.js';

/** Commits between two counts of the stored messages (other tabs write to the same database). */
const RECOUNT_EVERY = 32;

/**
 * Keeps at most `max` messages in the IndexedDB cache: the least recently viewed conversations'
 * messages go first (drafts and the outbox are never touched). Counting walks every record, so it
 * counts again only when what this tab added since the last count could have passed the limit, or
 * now and then for what other tabs add.
 */
export class Eviction {
  readonly #max: number;
  /** At least how many messages are stored (counted, plus this tab's puts since), or `null`: count. */
  #counted: number | null = null;
  #commitsSinceCount = 0;

  constructor(max: number) {
    this.#max = max;
  }

  /** After a commit that put `added` messages: the conversations whose messages were dropped. */
  async afterCommit(db: IDBPDatabase<CacheSchema>, added: number): Promise<string[]> {
    this.#commitsSinceCount++;
    if (this.#counted !== null) this.#counted += added;
    if (this.#counted !== null && this.#counted <= this.#max && this.#commitsSinceCount < RECOUNT_EVERY)
      return [];
    const count = await db.count('messages');
    this.#counted = count;
    this.#commitsSinceCount = 0;
    if (count <= this.#max) return [];
    this.#counted = null;
    let excess = count - this.#max;
    const threads = await db.getAllFromIndex('threads', 'viewedAt');
    const evicted: string[] = [];
    for (const t of threads) {
      if (excess <= 0) break;
      const range = IDBKeyRange.bound([t.conversationId, -Infinity], [t.conversationId, Infinity]);
      const tx = db.transaction(['messages', 'threads'], 'readwrite');
      const n = await tx.objectStore('messages').index('byConversation').count(range);
      void tx.objectStore('messages').delete(messagesOf(t.conversationId));
      void tx.objectStore('threads').delete(t.conversationId);
      await tx.done;
      excess -= n;
      evicted.push(t.conversationId);
    }
    return evicted;
  }
}
