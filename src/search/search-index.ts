import { unwrap } from 'idb';
import type { Subscription } from 'rxjs';
import { cacheCursor, isCacheCursor } from '../cache/cache.js';
import type { MessagesCache } from '../cache/cache.js';
import type { Conversation } from '../model/conversation.js';
import { isProvisionalId as isProvisional } from '../model/ids.js';
import type { Message } from '../model/message.js';
import type { MessagesClient, StateChange } from '../store/client.js';
import { isMessageTarget, messageTarget } from '../store/message-target.js';
import type { MessagesState } from '../store/state.js';
import { parseSearchQuery, searchWords } from '../transport/search-match.js';
import type { ParsedSearchQuery } from '../transport/search-match.js';
import { deleteSearchDatabase, openSearchDatabase, searchDatabaseName } from './search-db.js';
import type { SearchDatabase } from './search-db.js';
import { KEY_SEPARATOR, conversationDoc, docMatcher, messageDoc, messageDocKey } from './search-doc.js';
import type { ConversationDoc, MessageDoc, SearchFields } from './search-doc.js';
import { DocChunks, conversationRange } from './doc-chunks.js';
import type { StoredChunk } from './doc-chunks.js';
import { IdleQueue } from './idle-queue.js';
import { SortedDocs } from './sorted-docs.js';

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

/** A person found by name or number: a participant of a cached conversation. */
export interface PersonHit {
  /** E.164. */
  readonly number: string;
  /** The name the address book gives, if any; untrusted, render as text. */
  readonly name?: string;
  /** The newest conversation with this person alone, if there is one. */
  readonly conversationId?: string;
  /** Latest activity with them (ms), for the order. */
  readonly updatedAt: number;
}

/** What {@link SearchIndex.search} answers; every group newest first. */
export interface LocalSearchPage {
  readonly query: ParsedSearchQuery;
  readonly people: readonly PersonHit[];
  readonly conversations: readonly ConversationDoc[];
  readonly messages: readonly MessageDoc[];
  /** Whether more messages match than were returned. */
  readonly moreMessages: boolean;
}

/** Options of {@link SearchIndex.search}. */
export interface LocalSearchOptions {
  /** Most messages returned (default 20). */
  readonly limit?: number;
  /** Most people and most conversations returned (default 5 each). */
  readonly groupLimit?: number;
}

/** Where the index is: loading its stored part, or `ready`. */
export type SearchIndexStatus = 'idle' | 'loading' | 'ready';

/**
 * Messages of the state indexed per job when the index attaches to a running client (making
 * their keys takes some 20–50 µs each: a job stays well inside an idle slice).
 */
const SEED_BATCH = 50;
/**
 * Longest stretch of writes queued in one IndexedDB transaction: each put clones its doc on the
 * main thread, so a transaction takes what fits in a few milliseconds, then the next one waits
 * for the first to commit (its own task).
 */
const WRITE_SLICE_MS = 6;
/** Changed docs given their stored record at a time while writing (then those records are written). */
const TOUCH_BATCH = 256;
/** Stored records (up to 64 docs each) read from IndexedDB per slice while loading. */
const LOAD_BATCH = 8;
/** How long changes gather before they are written in one transaction. */
const WRITE_DELAY_MS = 250;
/** Cached messages read per slice when the index back-fills from the cache. */
const FILL_BATCH = 100;
/** A cache cursor after every message: reading from it never marks a conversation viewed. */
const AFTER_ALL = cacheCursor(Number.MAX_SAFE_INTEGER);
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
 */
export class SearchIndex {
  readonly #options: SearchIndexOptions;
  readonly #queue = new IdleQueue();
  /** Sorted oldest first by `createdAt`, then key. */
  readonly #docs = new SortedDocs();
  readonly #byKey = new Map<string, MessageDoc>();
  readonly #byConversation = new Map<string, Set<string>>();
  readonly #conversations = new Map<string, ConversationDoc>();
  /** The conversations newest first, for searches; `null` once they change. */
  #byTime: ConversationDoc[] | null = null;
  readonly #listeners = new Set<() => void>();
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;
  #selected: string | null = null;
  #subscription: Subscription | undefined;
  #status: SearchIndexStatus = 'idle';
  #db: SearchDatabase | null = null;
  #dbName: string | null = null;
  #closed = false;
  // Writes waiting for the next transaction.
  #dirtyMessages = new Map<string, MessageDoc | null>();
  readonly #dirtyConversations = new Map<string, ConversationDoc | null>();
  readonly #droppedConversations = new Set<string>();
  /** Which stored record holds each doc. */
  readonly #chunks = new DocChunks();
  #writeTimer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  // What changed while the stored index was loading: the stored copy of these is older.
  readonly #touched = new Set<string>();
  readonly #touchedConversations = new Set<string>();
  /** Conversations whose messages were dropped or replaced while loading. */
  readonly #replacedConversations = new Set<string>();
  #cache: MessagesCache | undefined;
  #stopEvictions: (() => void) | undefined;
  /** Reading what the cache held before the index did (see {@link settled}). */
  #filling: Promise<void> = Promise.resolve();
  /** The conversation being back-filled, and whether a change to it came meanwhile. */
  #fillingConversation: string | null = null;
  #fillSpoiled = false;

  constructor(options: SearchIndexOptions = {}) {
    this.#options = options;
  }

  /** `loading` while the stored index is read (searches see what is read so far), then `ready`. */
  get status(): SearchIndexStatus {
    return this.#status;
  }

  /** How many messages and conversations the index holds now. */
  get size(): { readonly messages: number; readonly conversations: number } {
    return { messages: this.#byKey.size, conversations: this.#conversations.size };
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
        for (const id of ids) if (this.#byConversation.has(id)) this.#dropConversation(id, false);
        this.#changed();
      }),
    );
    const seed = client.getState();
    this.#queue.push(() => this.#seed(seed));
    this.#subscription = client.changes$.subscribe({
      next: (change) => this.#queue.push(() => this.#apply(change)),
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
   * Resolves once every change seen so far is in memory (and the stored index is read, and what
   * the cache held is back-filled).
   */
  async settled(): Promise<void> {
    while (this.#queue.size || this.#status === 'loading') {
      await this.#queue.drained();
      if (this.#status === 'loading') await new Promise((r) => setTimeout(r, 10));
    }
    await this.#filling;
    await this.#queue.drained();
  }

  /** Writes every pending change to IndexedDB now. */
  async flush(): Promise<void> {
    await this.settled();
    clearTimeout(this.#writeTimer);
    this.#writeTimer = undefined;
    this.#writing = this.#writing.then(() => this.#write());
    await this.#writing;
  }

  /** A conversation the index knows. */
  conversation(id: string): ConversationDoc | undefined {
    return this.#conversations.get(id);
  }

  /**
   * Searches the index: people (participants by name or number), conversations (groups and
   * titled chats by title, names or numbers) and messages, each newest first. Synchronous.
   */
  search(query: string, options: LocalSearchOptions = {}): LocalSearchPage {
    const parsed = parseSearchQuery(query);
    const limit = Math.max(1, options.limit ?? 20);
    const groupLimit = Math.max(0, options.groupLimit ?? 5);
    if (parsed.kind === 'empty')
      return { query: parsed, people: [], conversations: [], messages: [], moreMessages: false };
    const messages: MessageDoc[] = [];
    let moreMessages = false;
    const matches = docMatcher(parsed);
    this.#docs.newestFirst((doc) => {
      if (!matches(doc)) return true;
      if (messages.length === limit) {
        moreMessages = true;
        return false;
      }
      messages.push(doc);
      return true;
    });
    const { people, conversations } = this.#searchConversations(matches, groupLimit);
    return { query: parsed, people, conversations, messages, moreMessages };
  }

  /**
   * The conversations a query finds: those with a matching message in the index, or whose
   * title, names or numbers match. A full scan (a few milliseconds over 100,000 messages): for
   * narrowing a conversation list once per query, not per keystroke's first results.
   */
  conversationsMatching(query: string): ReadonlySet<string> {
    const parsed = parseSearchQuery(query);
    const ids = new Set<string>();
    if (parsed.kind === 'empty') return ids;
    const matches = docMatcher(parsed);
    this.#docs.newestFirst((doc) => {
      if (!ids.has(doc.conversationId) && matches(doc)) ids.add(doc.conversationId);
    });
    for (const c of this.#conversations.values()) if (matches(c)) ids.add(c.id);
    return ids;
  }

  /** Stops following the client and closes the database (the stored index stays). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscription?.unsubscribe();
    this.#stopEvictions?.();
    this.#queue.close();
    clearTimeout(this.#notifyTimer);
    const db = this.#db;
    clearTimeout(this.#writeTimer);
    this.#writing = this.#writing.then(() => this.#write()).finally(() => db?.close());
  }

  // ── searching ──────────────────────────────────────────────────────

  #searchConversations(
    matches: (doc: SearchFields) => boolean,
    limit: number,
  ): { people: PersonHit[]; conversations: ConversationDoc[] } {
    const people = new Map<string, PersonHit>();
    const conversations: ConversationDoc[] = [];
    this.#byTime ??= [...this.#conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt);
    for (const c of this.#byTime) {
      let any = false;
      for (const person of peopleOf(c)) {
        if (!matches(person)) continue;
        const { number, name } = person;
        any = true;
        const known = people.get(number);
        const alone = c.participants.length === 1 ? c.id : undefined;
        if (!known) {
          people.set(number, {
            number,
            ...(name ? { name } : {}),
            ...(alone ? { conversationId: alone } : {}),
            updatedAt: c.updatedAt,
          });
        } else if ((!known.name && name) || (!known.conversationId && alone)) {
          people.set(number, {
            ...known,
            ...(!known.name && name ? { name } : {}),
            ...(!known.conversationId && alone ? { conversationId: alone } : {}),
          });
        }
      }
      // One-to-one chats are reached through their person; groups and titled chats are listed.
      const listed = c.participants.length > 1 || c.title !== undefined;
      if (listed && (any || matches(c)) && conversations.length < limit) conversations.push(c);
    }
    return { people: [...people.values()].slice(0, limit), conversations };
  }

  // ── following the client ──────────────────────────────────────────

  /** Indexes what the state holds when the index attaches: one job per conversation and thread. */
  #seed(state: MessagesState): void {
    this.#selected = state.selectedConversationId;
    if (state.account) void this.#open(state.account.id, state.account.userId);
    // Queued ahead of later changes: each job is one conversation, or one thread's window.
    const jobs: (() => void)[] = [];
    for (let i = 0; i < state.conversations.length; i += 50) {
      const some = state.conversations.slice(i, i + 50);
      jobs.push(() => {
        for (const c of some) this.#putConversation(c);
        this.#changed();
      });
    }
    for (const t of Object.values(state.threads)) {
      for (let i = 0; i < t.messages.length; i += SEED_BATCH) {
        const some = t.messages.slice(i, i + SEED_BATCH);
        jobs.push(() => {
          for (const m of some) this.#putMessage(m);
          this.#changed();
        });
      }
    }
    this.#queue.unshift(jobs);
  }

  #apply({ action, state }: StateChange): void {
    this.#selected = state.selectedConversationId;
    switch (action.type) {
      case 'reset':
        void this.#wipe();
        return;
      case 'account/loaded':
        void this.#open(action.account.id, action.account.userId);
        return;
      case 'cache/restored':
        for (const c of action.conversations) this.#putConversation(c);
        break;
      case 'conversations/loaded':
        for (const c of action.page.conversations) this.#putConversation(c);
        break;
      case 'conversation/upserted':
        this.#putConversation(action.conversation);
        break;
      case 'conversation/removed':
        this.#dropConversation(action.conversationId, true);
        break;
      case 'conversation/resolved':
        this.#dropConversation(action.provisionalId, true);
        this.#putConversation(action.conversation);
        for (const m of state.threads[action.conversation.id]?.messages ?? []) this.#putMessage(m);
        break;
      case 'conversation/selected':
        if (action.conversationId) this.#view(action.conversationId);
        return;
      case 'thread/loaded':
        if (action.which === 'latest') {
          // Like the cache: the conversation's messages become the window the state holds.
          this.#dropConversation(action.conversationId, false);
          for (const m of state.threads[action.conversationId]?.messages ?? []) this.#putMessage(m);
          this.#view(action.conversationId);
        } else {
          for (const m of action.page.messages) this.#putMessage(m);
        }
        break;
      case 'jump/loaded': {
        // Like the cache: a window around a message is kept once it reaches the newest messages
        // (it then is the thread's window); before that, it is not cached.
        const t = state.threads[action.conversationId];
        const first = action.page.messages[0];
        if (!t || t.jump || !first || !t.messages.some((m) => m.id === first.id)) return;
        this.#dropConversation(action.conversationId, false);
        for (const m of t.messages) this.#putMessage(m);
        break;
      }
      case 'message/upserted':
      case 'message/status':
      case 'message/retried': {
        const target = messageTarget(action);
        const { conversationId, clientId } = target;
        const named = (m: Message | undefined): m is Message => isMessageTarget(m, target);
        const shown = state.threads[conversationId]?.messages.find(named);
        const last = state.conversations.find((c) => c.id === conversationId)?.lastMessage;
        const message = shown ?? (named(last) ? last : undefined);
        if (!message) return;
        // Acknowledged under another key (a server copy without the client id): one entry.
        if (message.clientId === undefined && clientId !== undefined)
          this.#removeMessage(messageDocKey(conversationId, { id: clientId, clientId }));
        this.#putMessage(message);
        break;
      }
      case 'message/removed':
        this.#removeById(action.conversationId, action.messageId);
        break;
      default:
        return;
    }
    this.#changed();
  }

  #putConversation(c: Conversation): void {
    if (isProvisional(c.id)) return;
    const before = this.#conversations.get(c.id);
    const doc = conversationDoc(c, before?.viewedAt ?? 0);
    this.#setConversation(before?.filled ? { ...doc, filled: true } : doc);
    if (c.lastMessage && c.lastMessage.conversationId === c.id) this.#putMessage(c.lastMessage);
  }

  #setConversation(doc: ConversationDoc): void {
    this.#conversations.set(doc.id, doc);
    this.#byTime = null;
    if (this.#status === 'loading') this.#touchedConversations.add(doc.id);
    this.#dirtyConversations.set(doc.id, doc);
    this.#scheduleWrite();
  }

  #view(conversationId: string): void {
    const doc = this.#conversations.get(conversationId);
    if (!doc) return;
    this.#setConversation({ ...doc, viewedAt: (this.#options.now ?? Date.now)() });
  }

  #putMessage(message: Message): void {
    if (isProvisional(message.conversationId)) return;
    const key = messageDocKey(message.conversationId, message);
    const before = this.#byKey.get(key);
    if (
      before &&
      before.messageId === message.id &&
      before.text === message.text &&
      before.createdAt === message.createdAt &&
      before.attachments === message.attachments.length
    )
      return;
    const doc = messageDoc(message);
    if (before) this.#unlist(before);
    this.#list(doc);
    if (this.#status === 'loading') this.#touched.add(key);
    this.#dirtyMessages.set(key, doc);
    this.#scheduleWrite();
  }

  #removeMessage(key: string): void {
    const doc = this.#byKey.get(key);
    if (doc?.conversationId === this.#fillingConversation) this.#fillSpoiled = true;
    if (doc) this.#unlist(doc);
    if (this.#status === 'loading') this.#touched.add(key);
    this.#dirtyMessages.set(key, null);
    this.#scheduleWrite();
  }

  #removeById(conversationId: string, messageId: string): void {
    const keys = this.#byConversation.get(conversationId);
    const direct = messageDocKey(conversationId, { id: messageId });
    this.#removeMessage(direct);
    for (const key of keys ? [...keys] : []) {
      const doc = this.#byKey.get(key);
      if (doc && doc.messageId === messageId) this.#removeMessage(key);
    }
  }

  /** Forgets a conversation's messages (and, when `entirely`, the conversation). */
  #dropConversation(conversationId: string, entirely: boolean): void {
    if (conversationId === this.#fillingConversation) this.#fillSpoiled = true;
    const keys = this.#byConversation.get(conversationId);
    if (keys) {
      const gone = new Set(keys);
      this.#docs.deleteWhere((d) => gone.has(d.key));
      for (const key of gone) {
        this.#byKey.delete(key);
        this.#dirtyMessages.delete(key);
      }
      this.#byConversation.delete(conversationId);
    }
    this.#droppedConversations.add(conversationId);
    if (this.#status === 'loading') {
      this.#replacedConversations.add(conversationId);
      if (entirely) this.#touchedConversations.add(conversationId);
    }
    if (entirely) {
      this.#conversations.delete(conversationId);
      this.#byTime = null;
      this.#dirtyConversations.set(conversationId, null);
    }
    this.#scheduleWrite();
  }

  // ── the sorted list ────────────────────────────────────────────────

  #list(doc: MessageDoc): void {
    this.#docs.add(doc);
    this.#byKey.set(doc.key, doc);
    let keys = this.#byConversation.get(doc.conversationId);
    if (!keys) this.#byConversation.set(doc.conversationId, (keys = new Set()));
    keys.add(doc.key);
  }

  #unlist(doc: MessageDoc): void {
    this.#docs.delete(doc);
    this.#byKey.delete(doc.key);
    const keys = this.#byConversation.get(doc.conversationId);
    keys?.delete(doc.key);
    if (keys && !keys.size) this.#byConversation.delete(doc.conversationId);
  }

  /** Adds stored docs read while loading, unless a newer copy came meanwhile. */
  #listStored(batch: readonly StoredChunk[]): void {
    for (const chunk of batch) {
      this.#chunks.stored(chunk);
      for (const d of chunk.docs)
        if (
          !this.#byKey.has(d.key) &&
          !this.#touched.has(d.key) &&
          !this.#replacedConversations.has(d.conversationId)
        )
          this.#list(d);
    }
  }

  // ── storage ────────────────────────────────────────────────────────

  async #open(accountId: string, userId: string): Promise<void> {
    if (this.#dbName || this.#closed) return;
    this.#dbName = searchDatabaseName(accountId, userId);
    if (this.#options.persist === false) {
      this.#status = 'ready';
      return;
    }
    this.#status = 'loading';
    const db = await openSearchDatabase(this.#dbName);
    if (this.#closed || !db) {
      db?.close();
      this.#finishLoading();
      return;
    }
    this.#db = db;
    try {
      const conversations = await db.getAll('conversations');
      await new Promise<void>((resolve) =>
        this.#queue.push(() => {
          for (const c of conversations) {
            const known = this.#conversations.get(c.id);
            if (!known && !this.#touchedConversations.has(c.id)) {
              this.#conversations.set(c.id, c);
              this.#byTime = null;
            }
            // Newer details came meanwhile; what was back-filled stays so.
            else if (known && c.filled && !known.filled) this.#setConversation({ ...known, filled: true });
          }
          resolve();
        }),
      );
      let after: string | null = null;
      for (;;) {
        if (this.#closed) return;
        const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
        const batch: StoredChunk[] = await db.getAll('chunks', range, LOAD_BATCH);
        if (!batch.length) break;
        after = batch[batch.length - 1]!.key;
        // The merge runs in an idle slice; reading the next batch waits for it.
        await new Promise<void>((resolve) =>
          this.#queue.push(() => {
            this.#listStored(batch);
            this.#changed();
            resolve();
          }),
        );
        if (batch.length < LOAD_BATCH) break;
      }
    } catch {
      // A broken store: the index goes on from memory.
    }
    this.#finishLoading();
    this.#scheduleWrite();
  }

  #finishLoading(): void {
    this.#status = 'ready';
    this.#touched.clear();
    this.#touchedConversations.clear();
    this.#replacedConversations.clear();
    this.#evict();
    this.#changed();
    if (this.#cache && !this.#closed) this.#filling = this.#backfill(this.#cache).catch(() => undefined);
  }

  /**
   * Indexes what the cache held before the index did (messages cached by an earlier version, or
   * while the index's own database was lost): each cached conversation not yet read back, page
   * by page in idle slices, then marked `filled` so later starts skip it. A conversation that
   * changes meanwhile (a new window, a deletion) is left for the next start.
   */
  async #backfill(cache: MessagesCache): Promise<void> {
    const snapshot = await cache.open();
    let conversations = snapshot.conversations;
    let cursor = snapshot.conversationsCursor;
    for (;;) {
      for (const c of conversations) {
        if (this.#closed) return;
        if (isProvisional(c.id) || this.#conversations.get(c.id)?.filled) continue;
        await this.#fill(cache, c);
      }
      if (!isCacheCursor(cursor) || this.#closed) return;
      const page = await cache.conversations(cursor);
      conversations = page.conversations;
      cursor = page.nextCursor;
    }
  }

  async #fill(cache: MessagesCache, conversation: Conversation): Promise<void> {
    this.#fillingConversation = conversation.id;
    this.#fillSpoiled = false;
    try {
      let before = AFTER_ALL;
      for (;;) {
        const page = await cache.thread(conversation.id, { before, limit: FILL_BATCH });
        if (this.#closed || this.#fillSpoiled) return;
        const done = !page || !isCacheCursor(page.olderCursor);
        await new Promise<void>((resolve) =>
          this.#queue.push(() => {
            if (!this.#fillSpoiled) {
              if (!this.#conversations.has(conversation.id)) this.#putConversation(conversation);
              for (const m of page?.messages ?? []) this.#putMessage(m);
              const doc = this.#conversations.get(conversation.id);
              if (done && doc) this.#setConversation({ ...doc, filled: true });
              this.#changed();
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

  #scheduleWrite(): void {
    if (this.#writeTimer || this.#closed) return;
    this.#writeTimer = setTimeout(() => {
      this.#writeTimer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
      void this.#writing.then(() => this.#evict());
    }, WRITE_DELAY_MS);
  }

  async #write(): Promise<void> {
    const db = this.#db;
    // Not while loading: a new doc's record is chosen once every stored record is known.
    if (!db || this.#status !== 'ready') return;
    const drops = [...this.#droppedConversations];
    const conversations = [...this.#dirtyConversations];
    // Swapped out, not copied (it can hold 100,000 entries after a load): changes from now on
    // gather in a new map for the next write.
    const messages = this.#dirtyMessages;
    this.#dirtyMessages = new Map();
    this.#droppedConversations.clear();
    this.#dirtyConversations.clear();
    if (!drops.length && !messages.size && !conversations.length) return;
    for (const id of drops) this.#chunks.drop(id);
    const dirty = messages.entries();
    let more = true;
    let records: { key: string; chunk: StoredChunk | null }[] = [];
    let r = 0;
    let c = 0;
    try {
      // Whole conversations dropped first, then the conversations, then the records holding the
      // changed docs, chosen a few hundred docs at a time; each transaction takes what fits in
      // WRITE_SLICE_MS, and is its own task.
      for (let first = true; first || c < conversations.length || more || r < records.length; first = false) {
        const tx = db.transaction(['chunks', 'conversations'], 'readwrite');
        // The raw store: a request per write without a promise and listeners around each.
        const store = unwrap(tx.objectStore('chunks'));
        const stored = unwrap(tx.objectStore('conversations'));
        if (first) for (const id of drops) store.delete(conversationRange(id));
        const end = performance.now() + WRITE_SLICE_MS;
        while (performance.now() < end) {
          // A put clones its value on the main thread: 1,000 conversations at once made a long task.
          if (c < conversations.length) {
            const [id, doc] = conversations[c++]!;
            void (doc ? stored.put(doc) : stored.delete(id));
            continue;
          }
          if (r < records.length) {
            const { key, chunk } = records[r++]!;
            void (chunk ? store.put(chunk) : store.delete(key));
            continue;
          }
          if (!more) break;
          for (let n = 0; n < TOUCH_BATCH; n++) {
            const next = dirty.next();
            if (next.done) {
              more = false;
              break;
            }
            const [key, doc] = next.value;
            this.#chunks.touch(doc?.conversationId ?? key.slice(0, key.indexOf(KEY_SEPARATOR)), key, !!doc);
          }
          records = this.#chunks.takeDirty((key) => this.#byKey.get(key));
          r = 0;
        }
        await tx.done;
      }
    } catch {
      // Quota or a closed database: memory still answers; the stored index catches up later.
    }
  }

  /** Keeps at most `maxMessages`: least recently viewed (then least recently active) go first. */
  #evict(): void {
    if (this.#status !== 'ready' || this.#closed || this.#stopEvictions) return;
    const max = this.#options.maxMessages ?? 20_000;
    let excess = this.#byKey.size - max;
    if (excess <= 0) return;
    const order = [...this.#byConversation.keys()]
      .filter((id) => id !== this.#selected)
      .map((id) => this.#conversations.get(id) ?? { id, viewedAt: 0, updatedAt: 0 })
      .sort((a, b) => a.viewedAt - b.viewedAt || a.updatedAt - b.updatedAt);
    for (const c of order) {
      if (excess <= 0) break;
      excess -= this.#byConversation.get(c.id)?.size ?? 0;
      this.#dropConversation(c.id, false);
    }
    this.#changed();
  }

  async #wipe(): Promise<void> {
    const name = this.#dbName;
    this.#docs.clear();
    this.#chunks.clear();
    this.#byKey.clear();
    this.#byConversation.clear();
    this.#conversations.clear();
    this.#byTime = null;
    this.#dirtyMessages.clear();
    this.#dirtyConversations.clear();
    this.#droppedConversations.clear();
    this.close();
    await this.#writing.catch(() => undefined);
    if (name) await deleteSearchDatabase(name);
  }

  #changed(): void {
    if (this.#notifyTimer || !this.#listeners.size) return;
    this.#notifyTimer = setTimeout(() => {
      this.#notifyTimer = undefined;
      for (const listener of [...this.#listeners]) listener();
    }, NOTIFY_DELAY_MS);
  }
}

const nameWords = new Map<string, string>();

/** A participant of a conversation doc, with the fields a query is matched against. */
interface PersonFields extends SearchFields {
  readonly number: string;
  readonly name: string | undefined;
}

const personFields = new WeakMap<ConversationDoc, readonly PersonFields[]>();

/** The participants of a conversation doc as search fields, made once per doc (docs are replaced, never changed). */
function peopleOf(c: ConversationDoc): readonly PersonFields[] {
  let out = personFields.get(c);
  if (!out) {
    out = c.participants.map((number) => {
      const name = c.names[number];
      return {
        number,
        name,
        words: name ? ` ${searchWordsOf(name)}` : '',
        numbers: `|${number.replace(/\D/g, '')}|`,
      };
    });
    personFields.set(c, out);
  }
  return out;
}

/** The folded words of a name, remembered (names repeat across conversations and searches). */
function searchWordsOf(name: string): string {
  let words = nameWords.get(name);
  if (words === undefined) {
    words = searchWords(name).join(' ');
    if (nameWords.size > 5000) nameWords.clear();
    nameWords.set(name, words);
  }
  return words;
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
