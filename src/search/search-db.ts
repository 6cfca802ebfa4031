import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { StoredChunk } from './doc-chunks.js';
import type { ConversationDoc } from './search-doc.js';

/**
 * The current schema version of the search database; each earlier version has an upgrade step.
 * 2: message docs stored in records of up to 64 per conversation (`chunks`), not one per message.
 */
export const SEARCH_DB_VERSION = 2;

/** The typed schema of one account's search database (separate from the cache's database). */
export interface SearchSchema extends DBSchema {
  chunks: { key: string; value: StoredChunk };
  conversations: { key: string; value: ConversationDoc };
}

export type SearchDatabase = IDBPDatabase<SearchSchema>;

/** The search database's name for an account and user. */
export function searchDatabaseName(accountId: string, userId: string): string {
  return `sms-elements-search:${encodeURIComponent(accountId)}:${encodeURIComponent(userId)}`;
}

/** How long the search database may take to open before the index goes on from memory. */
const OPEN_TIMEOUT_MS = 3000;

/**
 * Opens (creating or upgrading) the search database; `null` where there is no IndexedDB (the
 * index then works from memory only, as in Node). Rejects when IndexedDB refuses (private
 * browsing, a broken profile) or another tab blocks the upgrade for more than 3 s: the index
 * reports it (`searchIndexOpen`) and works from memory. `steppedAside` is called when the
 * database closes for another tab (a newer version, or a deletion).
 */
export async function openSearchDatabase(
  name: string,
  steppedAside?: () => void,
): Promise<SearchDatabase | null> {
  if (!(globalThis as { indexedDB?: IDBFactory }).indexedDB) return null;
  let db: SearchDatabase | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const opening = openDB<SearchSchema>(name, SEARCH_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion === 1) {
        // Version 1 kept a record per message: start again (the index is made again from the
        // client's state and back-filled from the cache, as the conversations' `filled` go too).
        const old = database as unknown as IDBPDatabase;
        old.deleteObjectStore('messages');
        old.deleteObjectStore('conversations');
      }
      database.createObjectStore('chunks', { keyPath: 'key' });
      database.createObjectStore('conversations', { keyPath: 'id' });
    },
    blocking: () => {
      // A newer version wants to open in another tab, or another tab deletes the database
      // (sign-out): step aside, and say so (the index goes on from memory; nothing failed).
      db?.close();
      steppedAside?.();
    },
  }).then((d) => (db = d));
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The search database did not open within ${OPEN_TIMEOUT_MS} ms.`)),
      OPEN_TIMEOUT_MS,
    );
  });
  // Opened after the timeout: nobody uses it, close it.
  void opening.then(
    (d) => timer === undefined && d.close(),
    () => undefined, // its failure is the race's below
  );
  try {
    return await Promise.race([opening, late]);
  } finally {
    clearTimeout(timer);
    timer = undefined;
  }
}

/** Deletes an account's search database (sign-out); rejects when IndexedDB refuses. */
export async function deleteSearchDatabase(name: string): Promise<void> {
  if (!(globalThis as { indexedDB?: IDBFactory }).indexedDB) return;
  await deleteDB(name);
}
