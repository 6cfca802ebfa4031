// Each event module exports its event class and its detail type, which the package exports as
// they are; `send-event.ts` also holds `settleSend`, the composer's, which it does not.
export * from './conversation-select-event.js';
export * from './error-event.js';
export * from './unread-change-event.js';
export * from './recipients-change-event.js';
export * from './media-open-event.js';
export * from './message-participant-event.js';
export * from './media-close-event.js';
export { SmsSendEvent } from './send-event.js';
export type { SendDetail } from './send-event.js';
export * from './filter-change-event.js';
export * from './search-input-event.js';
export * from './search-select-event.js';
export * from './message-events.js';
export * from './schedule-event.js';
export * from './scheduled-event.js';
