import type { Subscription } from 'rxjs';
import type { MessagesCache } from '../cache/cache.js';
import type { Conversation } from '../model/conversation.js';
import { isProvisionalId as isProvisional } from '../model/ids.js';
import type { Message } from '../model/message.js';
import type { MessagesClient } from '../store/client.js';
import { IndexBackfill } from './index-backfill.js';
import { IndexContents } from './index-contents.js';
import { applyChange, seedJobs } from './index-feeder.js';
import type { IndexOps } from './index-feeder.js';
import { conversationsMatching, searchContents } from './index-query.js';
import type { LocalSearchOptions, LocalSearchPage } from './index-query.js';
import { IndexStorage } from './index-storage.js';
import type { SearchIndexStatus, StorageOperation } from './index-storage.js';
import { IdleQueue } from './idle-queue.js';
import { conversationDoc, messageDoc, messageDocKey } from './search-doc.js';
import type { ConversationDoc } from './search-doc.js';

export type { LocalSearchOptions, LocalSearchPage, PersonHit } from './index-query.js';
export type { SearchIndexStatus } from './index-storage.js';

/** Options of {@link SearchIndex}. */
export interface SearchIndexOptions {
  /**
   * Most messages kept when the client has no cache that tells its evictions (see
   * `MessagesCache.onEvict`): past it, the least recently viewed conversations leave the index
   * first. With such a cache the index drops what the cache drops, and this is not used.
   * Default 20,000 (the cache's default).
   */
  readonly maxMessages?: number;
  /** Keep the index in IndexedDB across reloads (default `true`); `false` keeps it in memory. */
  readonly persist?: boolean;
  /** The clock (ms since epoch). */
  readonly now?: () => number;
}

/**
 * A failure of the local search index (its own IndexedDB database, or reading the cache); the
 * index goes on from memory. `<sms-search>` fires it as `sms-error` with this `operation`.
 */
export interface SearchIndexFailure {
  readonly operation: StorageOperation | 'searchIndexBackfill';
  readonly error: Error;
}

/** How long listeners wait after a change, so a burst tells them once. */
const NOTIFY_DELAY_MS = 60;

/**
 * The local search index of one client: every cached conversation and message, tokens folded
 * for case and accents, numbers kept as digits. It follows the client's state changes
 * (messages arriving, sent, deleted, conversations removed), keeps itself in its own IndexedDB
 * database (`sms-elements-search:<account>:<user>`, next to the cache's) and is bounded like the
 * cache, dropping the least recently viewed conversations first.
 *
 * All work on changes and on loading the stored index runs in short idle slices (see
 * {@link IdleQueue}); {@link search} is synchronous and scans newest first, so the first results
 * come at the first keystroke, offline too. Get the index of a client with {@link searchIndexFor}.
 *
 * The class wires its parts: what it holds in memory (`index-contents.ts`), how that is searched
 * (`index-query.ts`), the client's changes turned into its operations (`index-feeder.ts`), the
 * stored copy (`index-storage.ts`) and what the cache held before it (`index-backfill.ts`).
 */
export class SearchIndex {
  readonly #options: SearchIndexOptions;
  readonly #queue = new IdleQueue();
  readonly #contents = new IndexContents();
  readonly #storage: IndexStorage;
  readonly #backfill: IndexBackfill;
  /** The index's operations, as the feeder applies them. */
  readonly #ops: IndexOps;
  readonly #listeners = new Set<() => void>();
  readonly #failureListeners = new Set<(failure: SearchIndexFailure) => void>();
  /** Whether a read of the stored index or of the cache failed (see {@link incomplete}). */
  #incomplete = false;
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;
  #selected: string | null = null;
  #subscription: Subscription | undefined;
  #closed = false;
  #cache: MessagesCache | undefined;
  #stopEvictions: (() => void) | undefined;
  /** Reading what the cache held before the index did (see {@link settled}). */
  #filling: Promise<void> = Promise.resolve();

  constructor(options: SearchIndexOptions = {}) {
    this.#options = options;
    const changed = (): void => this.#changed();
    const setConversation = (doc: ConversationDoc): void => this.#setConversation(doc);
    this.#storage = new IndexStorage({
      contents: this.#contents,
      queue: this.#queue,
      persist: options.persist !== false,
      setConversation,
      loaded: () => this.#loaded(),
      changed,
      written: () => this.#evict(),
      failed: (operation, error) => this.#fail(operation, error),
    });
    this.#backfill = new IndexBackfill({
      queue: this.#queue,
      closed: () => this.#closed,
      conversation: (id) => this.#contents.conversations.get(id),
      putConversation: (c) => this.#putConversation(c),
      putMessage: (m) => this.#putMessage(m),
      setConversation,
      changed,
    });
    this.#ops = {
      select: (id) => (this.#selected = id),
      open: (accountId, userId) => void this.#storage.open(accountId, userId),
      wipe: () => void this.#wipe(),
      putConversation: (c) => this.#putConversation(c),
      putMessage: (m) => this.#putMessage(m),
      removeMessage: (key) => this.#removeMessage(key),
      removeById: (conversationId, messageId) => this.#removeById(conversationId, messageId),
      dropConversation: (id, entirely) => this.#dropConversation(id, entirely),
      view: (id) => this.#view(id),
      changed,
    };
  }

  /** `loading` while the stored index is read (searches see what is read so far), then `ready`. */
  get status(): SearchIndexStatus {
    return this.#storage.status;
  }

  /**
   * Whether messages saved on this device may be missing from the results: reading the stored
   * index or the cache failed (the failure was told to {@link onFailure}'s listeners).
   */
  get incomplete(): boolean {
    return this.#incomplete;
  }

  /** How many messages and conversations the index holds now. */
  get size(): { readonly messages: number; readonly conversations: number } {
    return { messages: this.#contents.byKey.size, conversations: this.#contents.conversations.size };
  }

  /**
   * Follows a client: indexes what its state holds now, then every change. Opens the stored
   * index once the account is known. Call once; {@link close} stops it.
   */
  attach(client: MessagesClient): void {
    if (this.#subscription || this.#closed) return;
    this.#cache = client.cache;
    // The cache drops the least recently viewed conversations' messages: so does the index.
    this.#stopEvictions = this.#cache?.onEvict?.((ids) =>
      this.#queue.push(() => {
        for (const id of ids) if (this.#contents.byConversation.has(id)) this.#dropConversation(id, false);
        this.#changed();
      }),
    );
    const seed = client.getState();
    this.#queue.push(() => this.#queue.unshift(seedJobs(seed, this.#ops)));
    this.#subscription = client.changes$.subscribe({
      next: (change) => this.#queue.push(() => applyChange(change, this.#ops)),
      // After the changes already queued (a sign-out's `reset` among them).
      complete: () => this.#queue.push(() => this.close()),
    });
  }

  /** Calls `listener` (at most every {@link NOTIFY_DELAY_MS}) after the index changed. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Calls `listener` on each failure of the index's storage or of reading the cache. A failure
   * no listener hears goes to `reportError`, so it is never lost.
   */
  onFailure(listener: (failure: SearchIndexFailure) => void): () => void {
    this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
  }

  /**
   * Resolves once every change seen so far is in memory (and the stored index is read, and what
   * the cache held is back-filled).
   */
  async settled(): Promise<void> {
    while (this.#queue.size || this.status === 'loading') {
      await this.#queue.drained();
      if (this.status === 'loading') await new Promise((r) => setTimeout(r, 10));
    }
    await this.#filling;
    await this.#queue.drained();
  }

  /** Writes every pending change to IndexedDB now. */
  async flush(): Promise<void> {
    await this.settled();
    await this.#storage.flush();
  }

  /** A conversation the index knows. */
  conversation(id: string): ConversationDoc | undefined {
    return this.#contents.conversations.get(id);
  }

  /**
   * Searches the index: people (participants by name or number), conversations (groups and
   * titled chats by title, names or numbers) and messages, each newest first. Synchronous.
   */
  search(query: string, options: LocalSearchOptions = {}): LocalSearchPage {
    return searchContents(this.#contents, query, options);
  }

  /**
   * The conversations a query finds: those with a matching message in the index, or whose
   * title, names or numbers match. A full scan (a few milliseconds over 100,000 messages): for
   * narrowing a conversation list once per query, not per keystroke's first results.
   */
  conversationsMatching(query: string): ReadonlySet<string> {
    return conversationsMatching(this.#contents, query);
  }

  /** Stops following the client and closes the database (the stored index stays). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscription?.unsubscribe();
    this.#stopEvictions?.();
    this.#queue.close();
    clearTimeout(this.#notifyTimer);
    this.#storage.close();
  }

  // ── the index's operations ────────────────────────────────────────

  #putConversation(c: Conversation): void {
    if (isProvisional(c.id)) return;
    const before = this.#contents.conversations.get(c.id);
    const doc = conversationDoc(c, before?.viewedAt ?? 0);
    this.#setConversation(before?.filled ? { ...doc, filled: true } : doc);
    if (c.lastMessage && c.lastMessage.conversationId === c.id) this.#putMessage(c.lastMessage);
  }

  #setConversation(doc: ConversationDoc): void {
    this.#contents.setConversation(doc);
    this.#storage.conversationChanged(doc);
  }

  #view(conversationId: string): void {
    const doc = this.#contents.conversations.get(conversationId);
    if (!doc) return;
    this.#setConversation({ ...doc, viewedAt: (this.#options.now ?? Date.now)() });
  }

  #putMessage(message: Message): void {
    if (isProvisional(message.conversationId)) return;
    const key = messageDocKey(message.conversationId, message);
    const before = this.#contents.byKey.get(key);
    if (
      before &&
      before.messageId === message.id &&
      before.text === message.text &&
      before.createdAt === message.createdAt &&
      before.attachments === message.attachments.length
    )
      return;
    const doc = messageDoc(message);
    if (before) this.#contents.unlist(before);
    this.#contents.list(doc);
    this.#storage.messageChanged(key, doc);
  }

  #removeMessage(key: string): void {
    const doc = this.#contents.byKey.get(key);
    if (doc) {
      this.#backfill.spoil(doc.conversationId);
      this.#contents.unlist(doc);
    }
    this.#storage.messageChanged(key, null);
  }

  #removeById(conversationId: string, messageId: string): void {
    const keys = this.#contents.byConversation.get(conversationId);
    const direct = messageDocKey(conversationId, { id: messageId });
    this.#removeMessage(direct);
    for (const key of keys ? [...keys] : []) {
      const doc = this.#contents.byKey.get(key);
      if (doc && doc.messageId === messageId) this.#removeMessage(key);
    }
  }

  #dropConversation(conversationId: string, entirely: boolean): void {
    this.#backfill.spoil(conversationId);
    const keys = this.#contents.dropMessages(conversationId);
    if (entirely) this.#contents.deleteConversation(conversationId);
    this.#storage.conversationDropped(conversationId, keys, entirely);
  }

  /** The stored index is read: keep to the bound, tell listeners, back-fill from the cache. */
  #loaded(): void {
    this.#evict();
    this.#changed();
    if (this.#cache && !this.#closed)
      this.#filling = this.#backfill
        .run(this.#cache)
        .catch((error: unknown) => this.#fail('searchIndexBackfill', error));
  }

  /** Keeps at most `maxMessages`: least recently viewed (then least recently active) go first. */
  #evict(): void {
    if (this.status !== 'ready' || this.#closed || this.#stopEvictions) return;
    const max = this.#options.maxMessages ?? 20_000;
    const { byConversation, conversations } = this.#contents;
    let excess = this.#contents.byKey.size - max;
    if (excess <= 0) return;
    const order = [...byConversation.keys()]
      .filter((id) => id !== this.#selected)
      .map((id) => conversations.get(id) ?? { id, viewedAt: 0, updatedAt: 0 })
      .sort((a, b) => a.viewedAt - b.viewedAt || a.updatedAt - b.updatedAt);
    for (const c of order) {
      if (excess <= 0) break;
      excess -= byConversation.get(c.id)?.size ?? 0;
      this.#dropConversation(c.id, false);
    }
    this.#changed();
  }

  async #wipe(): Promise<void> {
    this.#contents.clear();
    const wiping = this.#storage.wipe();
    this.close();
    await wiping;
  }

  #fail(operation: SearchIndexFailure['operation'], error: unknown): void {
    const failure = { operation, error: error instanceof Error ? error : new Error(String(error)) };
    // Reads that failed leave messages of this device out of the results: the field says so.
    if (operation === 'searchIndexRead' || operation === 'searchIndexBackfill') {
      this.#incomplete = true;
      this.#changed();
    }
    if (!this.#failureListeners.size) {
      globalThis.reportError(failure.error);
      return;
    }
    for (const listener of [...this.#failureListeners]) listener(failure);
  }

  #changed(): void {
    if (this.#notifyTimer || !this.#listeners.size) return;
    this.#notifyTimer = setTimeout(() => {
      this.#notifyTimer = undefined;
      for (const listener of [...this.#listeners]) listener();
    }, NOTIFY_DELAY_MS);
  }
}

const indexes = new WeakMap<MessagesClient, SearchIndex>();

/**
 * The search index of a client, created (and attached) on first use; every element of the
 * client shares it. Pass `options` the first time (before any search element connects) to set
 * the bound, e.g. `searchIndexFor(client, { maxMessages: 100_000 })` for a larger cache.
 */
export function searchIndexFor(client: MessagesClient, options?: SearchIndexOptions): SearchIndex {
  let index = indexes.get(client);
  if (!index) {
    index = new SearchIndex(options);
    indexes.set(client, index);
    index.attach(client);
  }
  return index;
}
