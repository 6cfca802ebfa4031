export { SmsConversationSelectEvent } from './conversation-select-event.js';
export type { ConversationSelectDetail } from './conversation-select-event.js';
export { SmsErrorEvent } from './error-event.js';
export type { ErrorDetail } from './error-event.js';
export { SmsUnreadChangeEvent } from './unread-change-event.js';
export type { UnreadChangeDetail } from './unread-change-event.js';
export { SmsRecipientsChangeEvent } from './recipients-change-event.js';
export type { RecipientsChangeDetail } from './recipients-change-event.js';
