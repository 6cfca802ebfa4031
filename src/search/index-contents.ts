import type { ConversationDoc, MessageDoc } from './search-doc.js';
import { SortedDocs } from './sorted-docs.js';

/**
 * What the local search index holds in memory: the message docs sorted by time and keyed, which
 * docs each conversation has, the conversation docs. Plain storage: what to put here, when to
 * write it to IndexedDB and how to search it are {@link SearchIndex}'s, `index-storage.ts`'s and
 * `index-query.ts`'s.
 */
export class IndexContents {
  /** Sorted oldest first by `createdAt`, then key. */
  readonly docs = new SortedDocs();
  readonly byKey = new Map<string, MessageDoc>();
  readonly byConversation = new Map<string, Set<string>>();
  readonly conversations = new Map<string, ConversationDoc>();
  /** The conversations newest first, for searches; `null` once they change. */
  #byTime: ConversationDoc[] | null = null;

  /** The conversations newest first (sorted again only after a change). */
  get byTime(): readonly ConversationDoc[] {
    this.#byTime ??= [...this.conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt);
    return this.#byTime;
  }

  setConversation(doc: ConversationDoc): void {
    this.conversations.set(doc.id, doc);
    this.#byTime = null;
  }

  deleteConversation(id: string): void {
    this.conversations.delete(id);
    this.#byTime = null;
  }

  list(doc: MessageDoc): void {
    this.docs.add(doc);
    this.byKey.set(doc.key, doc);
    let keys = this.byConversation.get(doc.conversationId);
    if (!keys) this.byConversation.set(doc.conversationId, (keys = new Set()));
    keys.add(doc.key);
  }

  unlist(doc: MessageDoc): void {
    this.docs.delete(doc);
    this.byKey.delete(doc.key);
    const keys = this.byConversation.get(doc.conversationId);
    keys?.delete(doc.key);
    if (keys && !keys.size) this.byConversation.delete(doc.conversationId);
  }

  /** Forgets a conversation's message docs; answers the keys they had (none: `undefined`). */
  dropMessages(conversationId: string): ReadonlySet<string> | undefined {
    const keys = this.byConversation.get(conversationId);
    if (!keys) return undefined;
    const gone = new Set(keys);
    this.docs.deleteWhere((d) => gone.has(d.key));
    for (const key of gone) this.byKey.delete(key);
    this.byConversation.delete(conversationId);
    return gone;
  }

  clear(): void {
    this.docs.clear();
    this.byKey.clear();
    this.byConversation.clear();
    this.conversations.clear();
    this.#byTime = null;
  }
}
