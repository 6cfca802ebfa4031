export type {
  CacheFailure,
  CacheHealth,
  CacheSnapshot,
  CachedThread,
  CacheWrite,
  MessagesCache,
  OutboxRecord,
} from './cache.js';
export { CACHE_VERSION, cacheDatabaseName, createIndexedDbCache } from './idb-cache.js';
export type { CacheSchema, IndexedDbCacheOptions } from './idb-cache.js';
