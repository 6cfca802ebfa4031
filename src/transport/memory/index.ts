export { MemoryBackend, createMemoryBackend } from './memory-backend.js';
export type { InboundOptions, MemoryBackendOptions } from './memory-backend.js';
export { makeSeed } from './seed.js';
export type { SeedAccount, SeedConversation, SeedMessage, SeedOptions } from './seed.js';
