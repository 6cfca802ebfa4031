export { SmsConversationSelectEvent } from './conversation-select-event.js';
export type { ConversationSelectDetail } from './conversation-select-event.js';
export { SmsErrorEvent } from './error-event.js';
export type { ErrorDetail } from './error-event.js';
export { SmsUnreadChangeEvent } from './unread-change-event.js';
export type { UnreadChangeDetail } from './unread-change-event.js';
export { SmsRecipientsChangeEvent } from './recipients-change-event.js';
export type { RecipientsChangeDetail } from './recipients-change-event.js';
export { SmsMediaOpenEvent } from './media-open-event.js';
export type { MediaOpenDetail } from './media-open-event.js';
export { SmsMessageParticipantEvent } from './message-participant-event.js';
export type { MessageParticipantDetail } from './message-participant-event.js';
export { SmsMediaCloseEvent } from './media-close-event.js';
export type { MediaCloseDetail } from './media-close-event.js';
export { SmsSendEvent } from './send-event.js';
export type { SendDetail } from './send-event.js';
export { SmsFilterChangeEvent } from './filter-change-event.js';
export type { FilterChangeDetail } from './filter-change-event.js';
export { SmsSearchInputEvent } from './search-input-event.js';
export type { SearchInputDetail } from './search-input-event.js';
export { SmsSearchSelectEvent } from './search-select-event.js';
export type { SearchSelectDetail } from './search-select-event.js';
export {
  SmsMessageDeliveredEvent,
  SmsMessageFailedEvent,
  SmsMessageReceivedEvent,
  SmsMessageSentEvent,
} from './message-events.js';
export type { MessageLogDetail } from './message-events.js';
export { SmsScheduleEvent } from './schedule-event.js';
export type { ScheduleDetail } from './schedule-event.js';
export { SmsScheduledEvent } from './scheduled-event.js';
export type { ScheduledDetail } from './scheduled-event.js';
