import { cacheCursor, isCacheCursor } from '../cache/cache.js';
import type { MessagesCache } from '../cache/cache.js';
import type { Conversation } from '../model/conversation.js';
import { isProvisionalId as isProvisional } from '../model/ids.js';
import type { Message } from '../model/message.js';
import type { IdleQueue } from './idle-queue.js';
import type { ConversationDoc } from './search-doc.js';

/** Cached messages read per slice when the index back-fills from the cache. */
const FILL_BATCH = 100;
/** A cache cursor after every message: reading from it never marks a conversation viewed. */
const AFTER_ALL = cacheCursor(Number.MAX_SAFE_INTEGER);

/** What {@link IndexBackfill} needs from the index it fills. */
export interface BackfillHost {
  readonly queue: IdleQueue;
  readonly closed: () => boolean;
  readonly conversation: (id: string) => ConversationDoc | undefined;
  readonly putConversation: (c: Conversation) => void;
  readonly putMessage: (m: Message) => void;
  readonly setConversation: (doc: ConversationDoc) => void;
  readonly changed: () => void;
}

/**
 * Indexes what the cache held before the index did (messages cached by an earlier version, or
 * while the index's own database was lost): each cached conversation not yet read back, page
 * by page in idle slices, then marked `filled` so later starts skip it. A conversation that
 * changes meanwhile (a new window, a deletion: {@link spoil}) is left for the next start.
 */
export class IndexBackfill {
  readonly #host: BackfillHost;
  /** The conversation being back-filled, and whether a change to it came meanwhile. */
  #fillingConversation: string | null = null;
  #fillSpoiled = false;

  constructor(host: BackfillHost) {
    this.#host = host;
  }

  /** A conversation's messages changed under the index: if it is being filled, stop filling it. */
  spoil(conversationId: string): void {
    if (conversationId === this.#fillingConversation) this.#fillSpoiled = true;
  }

  /** Fills every cached conversation not yet `filled`. */
  async run(cache: MessagesCache): Promise<void> {
    const snapshot = await cache.open();
    let conversations = snapshot.conversations;
    let cursor = snapshot.conversationsCursor;
    for (;;) {
      for (const c of conversations) {
        if (this.#host.closed()) return;
        if (isProvisional(c.id) || this.#host.conversation(c.id)?.filled) continue;
        await this.#fill(cache, c);
      }
      if (!isCacheCursor(cursor) || this.#host.closed()) return;
      const page = await cache.conversations(cursor);
      conversations = page.conversations;
      cursor = page.nextCursor;
    }
  }

  async #fill(cache: MessagesCache, conversation: Conversation): Promise<void> {
    const host = this.#host;
    this.#fillingConversation = conversation.id;
    this.#fillSpoiled = false;
    try {
      let before = AFTER_ALL;
      for (;;) {
        const page = await cache.thread(conversation.id, { before, limit: FILL_BATCH });
        if (host.closed() || this.#fillSpoiled) return;
        const done = !page || !isCacheCursor(page.olderCursor);
        await new Promise<void>((resolve) =>
          host.queue.push(() => {
            if (!this.#fillSpoiled) {
              if (!host.conversation(conversation.id)) host.putConversation(conversation);
              for (const m of page?.messages ?? []) host.putMessage(m);
              const doc = host.conversation(conversation.id);
              if (done && doc) host.setConversation({ ...doc, filled: true });
              host.changed();
            }
            resolve();
          }),
        );
        if (done || !page?.olderCursor) return;
        before = page.olderCursor;
      }
    } finally {
      this.#fillingConversation = null;
    }
  }
}
