export { SmsConversationSelectEvent } from './conversation-select-event.js';
export type { ConversationSelectDetail } from './conversation-select-event.js';
export { SmsErrorEvent } from './error-event.js';
export type { ErrorDetail } from './error-event.js';
