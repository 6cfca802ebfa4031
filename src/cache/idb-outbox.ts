import type { IDBPDatabase } from 'idb';
import type { OutboxRecord } from './cache.js';
import type { CacheSchema } from './idb-schema.js';

/**
 * The durable outbox of the IndexedDB cache: unsent messages in the order send was pressed,
 * one order shared by every tab of the account. Failures reject; the cache reports them.
 */

/** The `meta` key of the last order given to an outbox record. */
const OUTBOX_ORDER = 'outboxOrder';

/** Commits a record; resolves with its order once it is durable. */
export async function putOutboxRecord(db: IDBPDatabase<CacheSchema>, record: OutboxRecord): Promise<number> {
  // One counter for every tab of the account, read and moved in the record's own transaction:
  // IndexedDB runs overlapping read-write transactions one after the other.
  const tx = db.transaction(['meta', 'outbox'], 'readwrite');
  const meta = tx.objectStore('meta');
  let last = await meta.get(OUTBOX_ORDER);
  if (typeof last !== 'number') {
    // A database written before the counter: continue after its newest record.
    const newest = await tx.objectStore('outbox').index('order').openCursor(null, 'prev');
    last = newest?.value.order ?? 0;
  }
  // A message keeps its place once given (another tab may commit it again without it: a leader
  // taking over what a follower had not finished handing over); a retry of a failed one takes
  // the place of the retry press.
  const existing =
    record.order === undefined ? await tx.objectStore('outbox').get(record.clientId) : undefined;
  const kept = existing && existing.message.status !== 'failed' ? existing.order : undefined;
  const order = record.order ?? kept ?? (last as number) + 1;
  if (order > (last as number)) void meta.put(order, OUTBOX_ORDER);
  void tx.objectStore('outbox').put({ ...record, order });
  await tx.done;
  return order;
}

/** Every record, in send order. */
export function readOutbox(db: IDBPDatabase<CacheSchema>): Promise<OutboxRecord[]> {
  return db.getAllFromIndex('outbox', 'order');
}

/** Removes an acknowledged (or deleted) message's record. */
export function removeOutboxRecord(db: IDBPDatabase<CacheSchema>, clientId: string): Promise<void> {
  return db.delete('outbox', clientId);
}
