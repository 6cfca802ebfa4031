import { deleteDB, openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import type { Conversation } from '../model/conversation.js';
import { cacheCursorTime } from './cache.js';
import type {
  CacheFailure,
  CacheHealth,
  CacheSnapshot,
  CacheWrite,
  CachedThread,
  MessagesCache,
  OutboxRecord,
} from './cache.js';
import { WriteBatcher, commitBatch } from './idb-batch.js';
import type { Queued } from './idb-batch.js';
import { Eviction } from './idb-eviction.js';
import { putOutboxRecord, readOutbox, removeOutboxRecord } from './idb-outbox.js';
import {
  FIRST_CONVERSATIONS,
  THREAD_PAGE,
  readConversations,
  readSnapshot,
  readThread,
} from './idb-reads.js';
import { ALL_STORES, CACHE_VERSION, cacheDatabaseName, isQuotaError, upgradeCache } from './idb-schema.js';
import type { CacheSchema, CacheStore, ReadTransaction } from './idb-schema.js';

export { CACHE_VERSION, cacheDatabaseName } from './idb-schema.js';
export type { CacheSchema } from './idb-schema.js';

/** Options of {@link createIndexedDbCache}. */
export interface IndexedDbCacheOptions {
  /** The account (with `userId`, one database per account and user). */
  readonly accountId: string;
  readonly userId: string;
  /** Most messages kept; least recently viewed conversations are evicted first (default 20,000). */
  readonly maxMessages?: number;
  /** The clock. */
  readonly now?: () => number;
}

const EMPTY: CacheSnapshot = {
  account: null,
  conversations: [],
  conversationsCursor: null,
  drafts: {},
  outbox: [],
};

/**
 * The IndexedDB cache (through `idb`): one database per account and user (`idb-schema.ts`), reads
 * of a few requests per page (`idb-reads.ts`), writes batched into one transaction per burst
 * (`idb-batch.ts`), bounded size with least-recently-viewed eviction that never touches drafts or
 * the outbox (`idb-eviction.ts`), the durable outbox (`idb-outbox.ts`). Any storage failure (no
 * IndexedDB, open error, blocked upgrade, quota) turns the cache into a no-op with a `health`
 * other than `ok` and is told to `onError` listeners; the client keeps working from memory.
 */
class IndexedDbCache implements MessagesCache {
  readonly #options: IndexedDbCacheOptions;
  readonly #name: string;
  readonly #listeners = new Set<(health: CacheHealth) => void>();
  readonly #evictListeners = new Set<(conversationIds: readonly string[]) => void>();
  readonly #errorListeners = new Set<(failure: CacheFailure) => void>();
  readonly #batcher = new WriteBatcher((queued) => this.#commit(queued));
  readonly #eviction: Eviction;
  #db: IDBPDatabase<CacheSchema> | null = null;
  #opening: Promise<IDBPDatabase<CacheSchema> | null> | null = null;
  /** Reads asked for while the database opens, answered from one transaction once it is open. */
  #early: ((shared: ReadTransaction | null) => void)[] = [];
  #health: CacheHealth = 'ok';
  /** Bumped by {@link close}: an open begun before it closes what it opens. */
  #generation = 0;

  readonly #onLeave = () => void this.flush();

  constructor(options: IndexedDbCacheOptions) {
    this.#options = options;
    this.#name = cacheDatabaseName(options.accountId, options.userId);
    this.#eviction = new Eviction(options.maxMessages ?? 20_000);
    if (typeof addEventListener === 'function') addEventListener('pagehide', this.#onLeave);
    // A cold start waits on the database's open before its first read: begin it now, while the
    // client and the elements are being made (issue 21).
    void this.#database();
  }

  get health(): CacheHealth {
    return this.#health;
  }

  onHealthChange(listener: (health: CacheHealth) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onEvict(listener: (conversationIds: readonly string[]) => void): () => void {
    this.#evictListeners.add(listener);
    return () => this.#evictListeners.delete(listener);
  }

  onError(listener: (failure: CacheFailure) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  #setHealth(health: CacheHealth): void {
    if (this.#health === health) return;
    this.#health = health;
    for (const l of [...this.#listeners]) l(health);
  }

  /** A storage failure: the health says what the person is told, the listeners get the error. */
  #fail(operation: CacheFailure['operation'], error: unknown): void {
    this.#setHealth(isQuotaError(error) ? 'full' : 'unavailable');
    const failure: CacheFailure = {
      operation,
      error: error instanceof Error ? error : new Error(String(error)),
    };
    for (const l of [...this.#errorListeners]) l(failure);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #database(): Promise<IDBPDatabase<CacheSchema> | null> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<IDBPDatabase<CacheSchema> | null> {
    if (!(globalThis as { indexedDB?: IDBFactory }).indexedDB) {
      this.#setHealth('unavailable');
      return null;
    }
    const generation = this.#generation;
    try {
      const open = openDB<CacheSchema>(this.#name, CACHE_VERSION, {
        upgrade: (db, oldVersion) => upgradeCache(db, oldVersion),
        blocked: () => this.#setHealth('blocked'),
        blocking: () => {
          // A newer version wants to open in another tab: step aside so it can upgrade.
          this.#db?.close();
          this.#db = null;
          this.#opening = null;
          this.#setHealth('blocked');
        },
        terminated: () => {
          this.#db = null;
          this.#opening = null;
          this.#setHealth('unavailable');
        },
      });
      const db = await withTimeout(open, 3000);
      if (generation !== this.#generation) {
        // Closed while it opened: a connection left open would block other tabs' upgrades and
        // the account's deletion. (A late open that fails has nothing to close or to tell.)
        db?.close();
        void open.then((late) => late.close()).catch(() => undefined);
        return null;
      }
      if (!db) {
        this.#setHealth('blocked');
        return null;
      }
      this.#db = db;
      if (this.#health === 'blocked') this.#setHealth('ok');
      return db;
    } catch (error) {
      this.#fail('open', error);
      return null;
    }
  }

  /**
   * Runs `read` in a read-only transaction over `stores`; `null` without a database. Reads asked
   * for while the database opens share one transaction over every store: a cold start's snapshot
   * and its open thread's newest page are read in one round of requests (issue 21).
   */
  async #read<T>(stores: CacheStore[], read: (tx: ReadTransaction) => Promise<T>): Promise<T | null> {
    if (this.#db) {
      const tx = this.#db.transaction<CacheStore[]>(stores, 'readonly');
      const result = await read(tx);
      settled(tx);
      return result;
    }
    const shared = await new Promise<ReadTransaction | null>((resolve) => {
      this.#early.push(resolve);
      // The first of them to resume answers them all, in the same microtask checkpoint (where
      // the transaction can still be asked).
      void this.#database().then((db) => this.#answerEarly(db));
    });
    if (!shared) return null;
    const result = await read(shared);
    settled(shared);
    return result;
  }

  #answerEarly(db: IDBPDatabase<CacheSchema> | null): void {
    const early = this.#early.splice(0);
    if (!early.length) return;
    let shared: ReadTransaction | null = null;
    try {
      shared = db && db.transaction<CacheStore[]>(ALL_STORES, 'readonly');
    } catch (error) {
      this.#fail('read', error);
    }
    for (const answer of early) answer(shared);
  }

  async open(): Promise<CacheSnapshot> {
    try {
      return (await this.#read(['meta', 'conversations', 'drafts', 'outbox'], readSnapshot)) ?? EMPTY;
    } catch (error) {
      // The client starts as without a cache (the network fills the list); the person is told
      // that nothing is kept on this device.
      this.#fail('read', error);
      return EMPTY;
    }
  }

  async conversations(
    before: string,
    limit = FIRST_CONVERSATIONS,
  ): Promise<{ conversations: readonly Conversation[]; nextCursor: string | null }> {
    try {
      const page = await this.#read(['meta', 'conversations'], (tx) =>
        readConversations(tx, cacheCursorTime(before), limit),
      );
      return page ?? { conversations: [], nextCursor: null };
    } catch (error) {
      // An empty page: the client reads the same chats from the server instead.
      this.#fail('read', error);
      return { conversations: [], nextCursor: null };
    }
  }

  async thread(
    conversationId: string,
    options: { before?: string; limit?: number } = {},
  ): Promise<CachedThread | null> {
    const before = options.before ? cacheCursorTime(options.before) : null;
    try {
      // Read-only, and answered as soon as its requests are: a read-write transaction's commit
      // waited for the main thread, busy painting the list at a cold start (issue 21).
      const limit = Math.max(1, options.limit ?? THREAD_PAGE);
      const page = await this.#read(['messages', 'threads'], (tx) =>
        readThread(tx, conversationId, before, limit),
      );
      if (page && before === null) void this.#viewed(conversationId);
      return page;
    } catch (error) {
      // Nothing cached is shown: the client reads the thread from the server instead.
      this.#fail('read', error);
      return null;
    }
  }

  /** Marks a conversation's window as viewed now (eviction keeps the most recently viewed). */
  async #viewed(conversationId: string): Promise<void> {
    const at = this.#now();
    const db = await this.#database();
    if (!db) return;
    try {
      const tx = db.transaction('threads', 'readwrite');
      const window = await tx.store.get(conversationId);
      if (window && window.viewedAt < at) void tx.store.put({ ...window, viewedAt: at });
      await tx.done;
    } catch (error) {
      this.#fail('write', error);
    }
  }

  write(writes: readonly CacheWrite[]): void {
    // One transaction per burst (see WriteBatcher); leaving the page writes what is pending at
    // once (see constructor).
    if (writes.length) this.#batcher.add(writes, this.#now());
  }

  flush(): Promise<void> {
    return this.#batcher.flush();
  }

  async #commit(queued: Queued[]): Promise<void> {
    const db = await this.#database();
    if (!db) return;
    try {
      const puts = await commitBatch(db, queued);
      if (this.#health !== 'ok' && this.#health !== 'blocked') this.#setHealth('ok');
      const evicted = await this.#eviction.afterCommit(db, puts);
      if (evicted.length) for (const listener of [...this.#evictListeners]) listener(evicted);
    } catch (error) {
      this.#fail('write', error);
    }
  }

  async putOutbox(record: OutboxRecord): Promise<number | undefined> {
    const db = await this.#database();
    if (!db) return undefined;
    try {
      return await putOutboxRecord(db, record);
    } catch (error) {
      // The outbox sends it from memory: the person is told it will not survive a reload.
      this.#fail('outbox', error);
      return undefined;
    }
  }

  async outbox(): Promise<readonly OutboxRecord[]> {
    const db = await this.#database();
    if (!db) return [];
    try {
      return await readOutbox(db);
    } catch (error) {
      this.#fail('outbox', error);
      return [];
    }
  }

  async removeOutbox(clientId: string): Promise<void> {
    const db = await this.#database();
    if (!db) return;
    try {
      await removeOutboxRecord(db, clientId);
    } catch (error) {
      // Left in the outbox, it is sent again after a reload under the same idempotency key: the
      // server keeps one copy.
      this.#fail('outbox', error);
    }
  }

  async clear(): Promise<void> {
    await this.#batcher.drop();
    this.close();
    try {
      await deleteDB(this.#name);
    } catch (error) {
      // What was kept of the account stays on this device: the host must know.
      this.#fail('clear', error);
      throw error;
    }
  }

  close(): void {
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.#onLeave);
    this.#db?.close();
    this.#db = null;
    this.#opening = null;
    this.#generation++;
  }
}

/**
 * A read-only transaction whose requests have all answered: what it read is final, so nobody
 * waits for its end (a wait the busy main thread can delay), and an abort after the answers
 * changes nothing read.
 */
function settled(tx: ReadTransaction): void {
  tx.done.catch(() => undefined);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve(null), ms);
    promise.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Creates the IndexedDB cache for one account and user. */
export function createIndexedDbCache(options: IndexedDbCacheOptions): MessagesCache {
  return new IndexedDbCache(options);
}
