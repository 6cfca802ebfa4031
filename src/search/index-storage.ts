import { unwrap } from 'idb';
import type { IndexContents } from './index-contents.js';
import type { IdleQueue } from './idle-queue.js';
import { deleteSearchDatabase, openSearchDatabase, searchDatabaseName } from './search-db.js';
import type { SearchDatabase } from './search-db.js';
import { KEY_SEPARATOR } from './search-doc.js';
import type { ConversationDoc, MessageDoc } from './search-doc.js';
import { DocChunks, conversationRange } from './doc-chunks.js';
import type { StoredChunk } from './doc-chunks.js';

/** Where the index is: loading its stored part, or `ready`. */
export type SearchIndexStatus = 'idle' | 'loading' | 'ready';

/**
 * What failed in the index's own storage: opening its database, reading the stored index,
 * writing to it, deleting it on sign-out (`searchIndexBackfill`, reading the cache, is
 * `index-backfill.ts`'s).
 */
export type StorageOperation =
  'searchIndexOpen' | 'searchIndexRead' | 'searchIndexWrite' | 'searchIndexDelete';

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

/** What {@link IndexStorage} needs from the index it keeps. */
export interface IndexStorageHost {
  readonly contents: IndexContents;
  readonly queue: IdleQueue;
  /** `false` keeps the index in memory only. */
  readonly persist: boolean;
  /** Sets a conversation doc as a change (written, and newer than the stored copy). */
  readonly setConversation: (doc: ConversationDoc) => void;
  /** The stored index is read (or could not be): the index goes on from memory. */
  readonly loaded: () => void;
  /** Some of the stored index was read into memory. */
  readonly changed: () => void;
  /** A write has ended. */
  readonly written: () => void;
  /** Something failed; the index goes on from memory. */
  readonly failed: (operation: StorageOperation, error: unknown) => void;
}

/**
 * The search index's IndexedDB side (decision 0017): reads the stored index into memory at
 * start, keeping what changed meanwhile, and writes the changes in records of up to 64 docs,
 * gathered for {@link WRITE_DELAY_MS} and in transactions of at most {@link WRITE_SLICE_MS}
 * of puts.
 */
export class IndexStorage {
  readonly #host: IndexStorageHost;
  #status: SearchIndexStatus = 'idle';
  #db: SearchDatabase | null = null;
  #dbName: string | null = null;
  #closed = false;
  /** The database closed for another tab (a newer version, a deletion): no longer used, not a failure. */
  #steppedAside = false;
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

  constructor(host: IndexStorageHost) {
    this.#host = host;
  }

  get status(): SearchIndexStatus {
    return this.#status;
  }

  /** A message doc changed (`null`: removed). */
  messageChanged(key: string, doc: MessageDoc | null): void {
    if (this.#status === 'loading') this.#touched.add(key);
    this.#dirtyMessages.set(key, doc);
    this.#scheduleWrite();
  }

  /** A conversation doc changed. */
  conversationChanged(doc: ConversationDoc): void {
    if (this.#status === 'loading') this.#touchedConversations.add(doc.id);
    this.#dirtyConversations.set(doc.id, doc);
    this.#scheduleWrite();
  }

  /** A conversation's messages (`keys`) were dropped, and when `entirely`, the conversation. */
  conversationDropped(
    conversationId: string,
    keys: ReadonlySet<string> | undefined,
    entirely: boolean,
  ): void {
    for (const key of keys ?? []) this.#dirtyMessages.delete(key);
    this.#droppedConversations.add(conversationId);
    if (this.#status === 'loading') {
      this.#replacedConversations.add(conversationId);
      if (entirely) this.#touchedConversations.add(conversationId);
    }
    if (entirely) this.#dirtyConversations.set(conversationId, null);
    this.#scheduleWrite();
  }

  /** Opens the account's stored index and reads it into memory, slice by slice. */
  async open(accountId: string, userId: string): Promise<void> {
    if (this.#dbName || this.#closed) return;
    this.#dbName = searchDatabaseName(accountId, userId);
    if (!this.#host.persist) {
      this.#status = 'ready';
      return;
    }
    this.#status = 'loading';
    let db: SearchDatabase | null = null;
    try {
      db = await openSearchDatabase(this.#dbName, () => {
        this.#steppedAside = true;
        this.#db = null;
      });
    } catch (error) {
      // Told, and the index works from memory: nothing stored is read, so every cached
      // conversation is back-filled from the cache and the results stay complete.
      if (!this.#closed) this.#host.failed('searchIndexOpen', error);
    }
    if (this.#closed || !db || this.#steppedAside) {
      db?.close();
      this.#finishLoading();
      return;
    }
    this.#db = db;
    const { contents, queue } = this.#host;
    try {
      const conversations = await db.getAll('conversations');
      await new Promise<void>((resolve) =>
        queue.push(() => {
          for (const c of conversations) {
            const known = contents.conversations.get(c.id);
            if (!known && !this.#touchedConversations.has(c.id)) contents.setConversation(c);
            // Newer details came meanwhile; what was back-filled stays so.
            else if (known && c.filled && !known.filled)
              this.#host.setConversation({ ...known, filled: true });
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
          queue.push(() => {
            this.#listStored(batch);
            this.#host.changed();
            resolve();
          }),
        );
        if (batch.length < LOAD_BATCH) break;
      }
    } catch (error) {
      // A broken store: told (the index may now miss stored messages), and the index goes on
      // from memory. Not when the database closed for another tab: nothing failed.
      if (!this.#steppedAside && !this.#closed) this.#host.failed('searchIndexRead', error);
    }
    this.#finishLoading();
    this.#scheduleWrite();
  }

  /** Writes every pending change now. */
  async flush(): Promise<void> {
    clearTimeout(this.#writeTimer);
    this.#writeTimer = undefined;
    this.#writing = this.#writing.then(() => this.#write());
    await this.#writing;
  }

  /** Writes what is pending, then closes the database (the stored index stays). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const db = this.#db;
    clearTimeout(this.#writeTimer);
    this.#writing = this.#writing.then(() => this.#write()).finally(() => db?.close());
  }

  /** Forgets what is pending, closes, then deletes the stored index (sign-out). */
  async wipe(): Promise<void> {
    const name = this.#dbName;
    this.#chunks.clear();
    this.#dirtyMessages.clear();
    this.#dirtyConversations.clear();
    this.#droppedConversations.clear();
    this.close();
    // A write reports its own failures; one that still rejects is a bug, told the same way.
    await this.#writing.catch((error: unknown) => this.#host.failed('searchIndexWrite', error));
    try {
      if (name) await deleteSearchDatabase(name);
    } catch (error) {
      // The signed-out account's index stays on this device: the host must know.
      this.#host.failed('searchIndexDelete', error);
    }
  }

  /** Adds stored docs read while loading, unless a newer copy came meanwhile. */
  #listStored(batch: readonly StoredChunk[]): void {
    const { contents } = this.#host;
    for (const chunk of batch) {
      this.#chunks.stored(chunk);
      for (const d of chunk.docs)
        if (
          !contents.byKey.has(d.key) &&
          !this.#touched.has(d.key) &&
          !this.#replacedConversations.has(d.conversationId)
        )
          contents.list(d);
    }
  }

  #finishLoading(): void {
    this.#status = 'ready';
    this.#touched.clear();
    this.#touchedConversations.clear();
    this.#replacedConversations.clear();
    this.#host.loaded();
  }

  #scheduleWrite(): void {
    if (this.#writeTimer || this.#closed) return;
    this.#writeTimer = setTimeout(() => {
      this.#writeTimer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
      void this.#writing.then(() => this.#host.written());
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
    const { byKey } = this.#host.contents;
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
          records = this.#chunks.takeDirty((key) => byKey.get(key));
          r = 0;
        }
        await tx.done;
      }
    } catch (error) {
      // Quota or a broken database: told; memory still answers for this session. Not when the
      // database closed for another tab meanwhile: nothing failed.
      if (!this.#steppedAside) this.#host.failed('searchIndexWrite', error);
    }
  }
}
