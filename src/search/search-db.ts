import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { ConversationDoc, MessageDoc } from './search-doc.js';

/** The current schema version of the search database; each earlier version has an upgrade step. */
export const SEARCH_DB_VERSION = 1;

/** The typed schema of one account's search database (separate from the cache's database). */
export interface SearchSchema extends DBSchema {
  messages: { key: string; value: MessageDoc; indexes: { byConversation: string } };
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
      if (oldVersion < 1) {
        database
          .createObjectStore('messages', { keyPath: 'key' })
          .createIndex('byConversation', 'conversationId');
        database.createObjectStore('conversations', { keyPath: 'id' });
      }
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
