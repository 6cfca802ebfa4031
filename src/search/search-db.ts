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

/**
 * Opens (creating or upgrading) the search database; `null` when IndexedDB is missing, refuses,
 * or another tab blocks the upgrade for more than 3 s. The index then works from memory only.
 */
export async function openSearchDatabase(name: string): Promise<SearchDatabase | null> {
  if (!(globalThis as { indexedDB?: IDBFactory }).indexedDB) return null;
  let db: SearchDatabase | null = null;
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
      // A newer version wants to open in another tab: step aside.
      db?.close();
    },
  }).then((d) => (db = d));
  try {
    return await Promise.race([
      opening,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000)),
    ]);
  } catch {
    return null;
  }
}

/** Deletes an account's search database (sign-out). */
export async function deleteSearchDatabase(name: string): Promise<void> {
  if (!(globalThis as { indexedDB?: IDBFactory }).indexedDB) return;
  try {
    await deleteDB(name);
  } catch {
    // Nothing more to do.
  }
}
