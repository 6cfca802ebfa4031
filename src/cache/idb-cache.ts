import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Draft } from '../model/draft.js';
import type { Message } from '../model/message.js';
import type { PushSync } from '../model/sync.js';
import { mergeMessage } from '../rules/message-status.js';
import { cacheCursor, cacheCursorTime } from './cache.js';
import type {
  CacheHealth,
  CacheSnapshot,
  CacheWrite,
  CachedThread,
  MessagesCache,
  OutboxRecord,
} from './cache.js';

/** The current schema version; each earlier version has an upgrade step below. */
export const CACHE_VERSION = 1;

interface StoredMessage {
  /** `conversationId + "\u0000" + id` (the client id until the server acknowledges). */
  readonly key: string;
  readonly conversationId: string;
  readonly createdAt: number;
  readonly message: Message;
}

/** The typed schema of one account's database. */
export interface CacheSchema extends DBSchema {
  meta: { key: string; value: unknown };
  conversations: { key: string; value: Conversation; indexes: { updatedAt: number } };
  messages: { key: string; value: StoredMessage; indexes: { byConversation: [string, number] } };
  threads: {
    key: string;
    value: {
      conversationId: string;
      olderCursor: string | null;
      newerCursor: string | null;
      viewedAt: number;
    };
    indexes: { viewedAt: number };
  };
  drafts: { key: string; value: { conversationId: string; draft: Draft } };
  outbox: { key: string; value: OutboxRecord & { order: number }; indexes: { order: number } };
}

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

/** The database name for an account and user. */
export function cacheDatabaseName(accountId: string, userId: string): string {
  return `sms-elements:${encodeURIComponent(accountId)}:${encodeURIComponent(userId)}`;
}

/** A queued write and when it was asked for (a window's `viewedAt`). */
interface Queued {
  readonly write: CacheWrite;
  readonly at: number;
}

const EMPTY: CacheSnapshot = {
  account: null,
  conversations: [],
  conversationsCursor: null,
  drafts: {},
  outbox: [],
};
const SEP = '\u0000';

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

/** Conversations read per page at start-up (the list shows about 10; more page in as it scrolls). */
const FIRST_CONVERSATIONS = 100;

/**
 * Newest activity first, at most `limit` conversations updated before `before` (all when `null`),
 * never splitting conversations of the same instant. `nextCursor` is a cache cursor while the
 * cache holds more, then the server's cursor stored after the oldest cached chat.
 *
 * Three requests whatever the page's size (see {@link newestPage}), not one per row.
 */
async function readConversations(
  tx: IDBPTransaction<CacheSchema, ['meta', 'conversations', ...('drafts' | 'outbox')[]], 'readonly'>,
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

/** The part of an index {@link newestPage} reads (idb's typed index, whatever its store). */
interface PagedIndex<V> {
  openKeyCursor(
    range: IDBKeyRange | null,
    direction: 'prev',
  ): Promise<{ readonly key: unknown; advance(count: number): Promise<unknown> } | null>;
  getAll(range: IDBKeyRange | null): Promise<V[]>;
  count(range: IDBKeyRange): Promise<number>;
}

/**
 * The newest rows of an index within `range`: at least `limit` of them when there are that many,
 * and every row sharing the oldest returned key (a page never splits rows of the same instant, so
 * the next page resumes strictly before that key). Oldest first. One key cursor that jumps
 * `limit - 1` rows back, one `getAll` from the key it lands on, one count of the older rows: three
 * requests where a cursor walk makes one per row (each waiting for the main thread to continue).
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
  const [rows, older] = await Promise.all([index.getAll(from(oldest)), index.count(olderThan(oldest))]);
  return { rows, oldest, more: older > 0 };
}

/** The `meta` key of the last order given to an outbox record. */
const OUTBOX_ORDER = 'outboxOrder';

/** Commits between two counts of the stored messages (other tabs write to the same database). */
const RECOUNT_EVERY = 32;

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
      return `c${SEP}${write.conversation.id}`;
    case 'put-window':
      return `w${SEP}${write.conversationId}`;
    case 'put-draft':
    case 'delete-draft':
      return `d${SEP}${write.key}`;
    case 'put-message':
      return `m${SEP}${stored(write.message).key}`;
    case 'delete-message':
      return `m${SEP}${write.conversationId}${SEP}${write.messageId}`;
    default:
      return null;
  }
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
 * The IndexedDB cache (through `idb`). One database per account and user; batched writes (one
 * transaction per burst, nothing but IndexedDB awaited inside it); bounded size with
 * least-recently-viewed eviction that never touches drafts or the outbox. Any storage failure
 * (no IndexedDB, open error, blocked upgrade, quota) turns the cache into a no-op with a
 * `health` other than `ok`; the client keeps working from memory.
 */
class IndexedDbCache implements MessagesCache {
  readonly #options: IndexedDbCacheOptions;
  readonly #name: string;
  readonly #listeners = new Set<(health: CacheHealth) => void>();
  readonly #evictListeners = new Set<(conversationIds: readonly string[]) => void>();
  #db: IDBPDatabase<CacheSchema> | null = null;
  #opening: Promise<IDBPDatabase<CacheSchema> | null> | null = null;
  #health: CacheHealth = 'ok';
  #pending: Queued[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #flushing: Promise<void> = Promise.resolve();
  /** When the last batch was handed to a transaction, and how many batches in a row began soon after. */
  #lastFlushAt = -Infinity;
  #streak = 0;
  /** At least how many messages are stored (counted, plus this tab's puts since), or `null`: count. */
  #counted: number | null = null;
  #commitsSinceCount = 0;

  /** Bumped by {@link close}: an open begun before it closes what it opens. */
  #generation = 0;

  readonly #onLeave = () => void this.flush();

  constructor(options: IndexedDbCacheOptions) {
    this.#options = options;
    this.#name = cacheDatabaseName(options.accountId, options.userId);
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

  #setHealth(health: CacheHealth): void {
    if (this.#health === health) return;
    this.#health = health;
    for (const l of this.#listeners) l(health);
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
        upgrade(db, oldVersion) {
          // One step per version; a database of any earlier version walks through each.
          if (oldVersion < 1) {
            db.createObjectStore('meta');
            db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
            db.createObjectStore('messages', { keyPath: 'key' }).createIndex('byConversation', [
              'conversationId',
              'createdAt',
            ]);
            db.createObjectStore('threads', { keyPath: 'conversationId' }).createIndex(
              'viewedAt',
              'viewedAt',
            );
            db.createObjectStore('drafts', { keyPath: 'conversationId' });
            db.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('order', 'order');
          }
        },
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
        // the account's deletion.
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
    } catch {
      this.#setHealth('unavailable');
      return null;
    }
  }

  async open(): Promise<CacheSnapshot> {
    const db = await this.#database();
    if (!db) return EMPTY;
    try {
      const tx = db.transaction(['meta', 'conversations', 'drafts', 'outbox'], 'readonly');
      const [account, sync, page, drafts, outbox] = await Promise.all([
        tx.objectStore('meta').get('account'),
        tx.objectStore('meta').get('sync'),
        readConversations(tx, null, FIRST_CONVERSATIONS),
        tx.objectStore('drafts').getAll(),
        tx.objectStore('outbox').index('order').getAll(),
      ]);
      await tx.done;
      return {
        account: (account as Account | undefined) ?? null,
        conversations: page.conversations,
        conversationsCursor: page.nextCursor,
        drafts: Object.fromEntries(drafts.map((d) => [d.conversationId, d.draft])),
        outbox,
        ...(sync ? { sync: sync as PushSync } : {}),
      };
    } catch {
      this.#setHealth('unavailable');
      return EMPTY;
    }
  }

  async conversations(
    before: string,
    limit = FIRST_CONVERSATIONS,
  ): Promise<{ conversations: readonly Conversation[]; nextCursor: string | null }> {
    const db = await this.#database();
    if (!db) return { conversations: [], nextCursor: null };
    try {
      const tx = db.transaction(['meta', 'conversations'], 'readonly');
      const [page] = await Promise.all([readConversations(tx, cacheCursorTime(before), limit), tx.done]);
      return page;
    } catch {
      return { conversations: [], nextCursor: null };
    }
  }

  async thread(
    conversationId: string,
    options: { before?: string; limit?: number } = {},
  ): Promise<CachedThread | null> {
    const db = await this.#database();
    if (!db) return null;
    const limit = Math.max(1, options.limit ?? 200);
    const before = options.before ? cacheCursorTime(options.before) : null;
    try {
      const tx = db.transaction(['messages', 'threads'], 'readwrite');
      // The newest page only, in three requests: never the whole thread, never a row at a time.
      const upper = before === null ? Infinity : before;
      const open = before !== null;
      const [meta, { rows: page, more }] = await Promise.all([
        tx.objectStore('threads').get(conversationId),
        newestPage<[string, number], StoredMessage>(
          tx.objectStore('messages').index('byConversation'),
          IDBKeyRange.bound([conversationId, -Infinity], [conversationId, upper], false, open),
          limit,
          ([, oldest]) => IDBKeyRange.bound([conversationId, oldest], [conversationId, upper], false, open),
          ([, oldest]) =>
            IDBKeyRange.bound([conversationId, -Infinity], [conversationId, oldest], false, true),
        ),
      ]);
      if (meta && before === null) void tx.objectStore('threads').put({ ...meta, viewedAt: this.#now() });
      await tx.done;
      if (!meta || page.length === 0) return null;
      return {
        messages: page.map((r) => r.message),
        olderCursor: more ? cacheCursor(page[0]!.createdAt) : meta.olderCursor,
        newerCursor: meta.newerCursor,
      };
    } catch {
      return null;
    }
  }

  write(writes: readonly CacheWrite[]): void {
    if (!writes.length) return;
    const at = this.#now();
    for (const write of writes) this.#pending.push({ write, at });
    // One transaction per burst: a stream of inbound messages is written every WRITE_DELAY_MS,
    // not once per message, and every STREAM_WRITE_DELAY_MS once it has lasted a few batches.
    // Leaving the page writes what is pending at once (see constructor).
    if (this.#flushTimer) return;
    const now = performance.now();
    this.#streak = now - this.#lastFlushAt < STREAM_GAP_MS ? this.#streak + 1 : 0;
    this.#flushTimer = setTimeout(
      () => {
        this.#flushTimer = null;
        void this.flush();
      },
      this.#streak >= STREAM_BATCHES ? STREAM_WRITE_DELAY_MS : WRITE_DELAY_MS,
    );
  }

  flush(): Promise<void> {
    if (this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    const ops = this.#pending;
    this.#pending = [];
    this.#lastFlushAt = performance.now();
    this.#flushing = this.#flushing.then(() => (ops.length ? this.#commit(ops) : undefined));
    return this.#flushing;
  }

  async #commit(queued: Queued[]): Promise<void> {
    const db = await this.#database();
    if (!db) return;
    try {
      const tx = db.transaction(['meta', 'conversations', 'messages', 'threads', 'drafts'], 'readwrite');
      const known = await storedCopies(tx.objectStore('messages'), queued);
      const deletions: Promise<unknown>[] = [];
      const deleteMessagesOf = (conversationId: string) =>
        deletions.push(
          tx
            .objectStore('messages')
            .delete(IDBKeyRange.bound(`${conversationId}${SEP}`, `${conversationId}${SEP}\uffff`)),
        );
      const superseded = supersededWrites(queued);
      let puts = 0;
      for (const [i, { write, at }] of queued.entries()) {
        // A later write of the same record decides what it holds: only that one is written (a
        // burst updates its chats and the push channel's progress once per message).
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
            const key = `${write.conversationId}${SEP}${write.messageId}`;
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
      if (this.#health !== 'ok' && this.#health !== 'blocked') this.#setHealth('ok');
      await this.#evict(db, puts);
    } catch (error) {
      this.#setHealth(isQuotaError(error) ? 'full' : 'unavailable');
    }
  }

  /** Keeps at most `maxMessages` messages: least recently viewed conversations go first. */
  async #evict(db: IDBPDatabase<CacheSchema>, added: number): Promise<void> {
    const max = this.#options.maxMessages ?? 20_000;
    // Counting walks every record: count again only when what this tab added since the last count
    // could have passed the limit, or now and then for what other tabs add.
    this.#commitsSinceCount++;
    if (this.#counted !== null) this.#counted += added;
    if (this.#counted !== null && this.#counted <= max && this.#commitsSinceCount < RECOUNT_EVERY) return;
    const count = await db.count('messages');
    this.#counted = count;
    this.#commitsSinceCount = 0;
    if (count <= max) return;
    this.#counted = null;
    let excess = count - max;
    const threads = await db.getAllFromIndex('threads', 'viewedAt');
    const evicted: string[] = [];
    for (const t of threads) {
      if (excess <= 0) break;
      const range = IDBKeyRange.bound([t.conversationId, -Infinity], [t.conversationId, Infinity]);
      const tx = db.transaction(['messages', 'threads'], 'readwrite');
      const n = await tx.objectStore('messages').index('byConversation').count(range);
      void tx
        .objectStore('messages')
        .delete(IDBKeyRange.bound(`${t.conversationId}${SEP}`, `${t.conversationId}${SEP}\uffff`));
      void tx.objectStore('threads').delete(t.conversationId);
      await tx.done;
      excess -= n;
      evicted.push(t.conversationId);
    }
    if (evicted.length) for (const listener of [...this.#evictListeners]) listener(evicted);
  }

  async putOutbox(record: OutboxRecord): Promise<number | undefined> {
    const db = await this.#database();
    if (!db) return undefined;
    try {
      // One counter for every tab of the account, read and moved in the record's own
      // transaction: IndexedDB runs overlapping read-write transactions one after the other.
      const tx = db.transaction(['meta', 'outbox'], 'readwrite');
      const meta = tx.objectStore('meta');
      let last = await meta.get(OUTBOX_ORDER);
      if (typeof last !== 'number') {
        // A database written before the counter: continue after its newest record.
        const newest = await tx.objectStore('outbox').index('order').openCursor(null, 'prev');
        last = newest?.value.order ?? 0;
      }
      // A message keeps its place once given (another tab may commit it again without it: a
      // leader taking over what a follower had not finished handing over); a retry of a failed
      // one takes the place of the retry press.
      const existing =
        record.order === undefined ? await tx.objectStore('outbox').get(record.clientId) : undefined;
      const kept = existing && existing.message.status !== 'failed' ? existing.order : undefined;
      const order = record.order ?? kept ?? (last as number) + 1;
      if (order > (last as number)) void meta.put(order, OUTBOX_ORDER);
      void tx.objectStore('outbox').put({ ...record, order });
      await tx.done;
      return order;
    } catch (error) {
      this.#setHealth(isQuotaError(error) ? 'full' : 'unavailable');
      return undefined;
    }
  }

  async outbox(): Promise<readonly OutboxRecord[]> {
    const db = await this.#database();
    if (!db) return [];
    try {
      return await db.getAllFromIndex('outbox', 'order');
    } catch {
      this.#setHealth('unavailable');
      return [];
    }
  }

  async removeOutbox(clientId: string): Promise<void> {
    const db = await this.#database();
    if (!db) return;
    try {
      await db.delete('outbox', clientId);
    } catch {
      this.#setHealth('unavailable');
    }
  }

  async clear(): Promise<void> {
    this.#pending = [];
    await this.#flushing.catch(() => undefined);
    this.close();
    try {
      await deleteDB(this.#name);
    } catch {
      // Nothing more we can do; the health already says so.
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

function stored(message: Message): StoredMessage {
  return {
    key: `${message.conversationId}${SEP}${message.id}`,
    conversationId: message.conversationId,
    createdAt: message.createdAt,
    message,
  };
}

/** Creates the IndexedDB cache for one account and user. */
export function createIndexedDbCache(options: IndexedDbCacheOptions): MessagesCache {
  return new IndexedDbCache(options);
}
