export { MemoryBackend, createMemoryBackend, createMemoryTransport } from './memory-backend.js';
export type {
  InboundOptions,
  InjectedFailure,
  MemoryBackendOptions,
  MemoryHandlers,
  MemoryTransportOptions,
} from './memory-backend.js';
export { MemoryTransport } from './memory-transport.js';
export { MAIN_ACCOUNT_ID, NO_NUMBER_ACCOUNT_ID, makeSeed, random } from './seed.js';
export type { SeedAccount, SeedConversation, SeedMessage, SeedOptions } from './seed.js';
export {
  DEMO_MEDIA,
  demoMedia,
  demoMediaUrl,
  demoVideoReady,
  makeGif,
  makeJpeg,
  makePdf,
  makePng,
  makeWav,
  readMediaInfo,
} from './media.js';
export type { DemoMedia, DemoMediaInfo, DemoMediaKind, MediaInfo } from './media.js';
