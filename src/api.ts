/**
 * The API every build of sms-elements exports, the single file included: everything in
 * `sms-elements` except the classes of the features that load on first use in the whole-app
 * bundle (decision 0027: media viewer, "Media & files", search), which `./index.ts` adds.
 */
export * from './model/index.js';
export * from './rules/index.js';
export * from './transport/index.js';
export * from './cache/index.js';
export { createMessagesClient } from './store/client.js';
// The client's public types, all of them: `MessagesClient`, its options, events and inputs.
export type * from './store/client-types.js';
export type { Action } from './store/actions.js';
export type { RetryOptions } from './store/outbox.js';
export type { ScheduleInput, ScheduledChanges } from './store/scheduled-commands.js';
export type { ScheduledState } from './store/scheduled.js';
export { ClientError } from './store/errors.js';
export type { ClientErrorCode } from './store/errors.js';
export type { Draft, LoadStatus, MessagesState, ThreadState } from './store/state.js';
export { messageKey } from './store/state.js';
export { threadView } from './store/thread-window.js';
export type { JumpTarget, JumpWindow, ThreadView } from './store/thread-window.js';
export * from './events/index.js';
export { clientContext } from './context/client-context.js';
export { registerTranslation } from './i18n/registry.js';
export type { Translation } from './i18n/translation.js';
export { SmsProvider } from './components/provider/provider.js';
export { SmsConversationList } from './components/conversation-list/conversation-list.js';
export { SmsNewConversation } from './components/new-conversation/new-conversation.js';
export { SmsMessages } from './components/messages/messages.js';
export { SmsThread } from './components/thread/thread.js';
export { SmsComposer } from './components/composer/composer.js';
export { SmsSendLater } from './components/send-later/send-later.js';
export { SmsScheduledList } from './components/scheduled-list/scheduled-list.js';
export type { PreSendCheck, PreSendDraft, PreSendResult } from './components/composer/send-checks.js';
export type { HostSavedReply } from './components/composer/saved-replies-panel.js';
export type { QuietHoursOptions, ReplyVariables } from './components/composer/send-checks.js';
export type {
  LocalSearchOptions,
  LocalSearchPage,
  PersonHit,
  SearchIndexOptions,
  SearchIndexStatus,
} from './search/search-index.js';
export type { ConversationDoc, MessageDoc } from './search/search-doc.js';
export type {
  MessageHit,
  SearchResults,
  SearchSessionOptions,
  ServerSearchStatus,
} from './search/search-session.js';
export type { MediaViewerOpenOptions } from './components/media-viewer/media-viewer.js';
export type {
  OpenConversationAtOptions,
  OpenConversationOptions,
} from './components/messages/conversation-opener.js';
export { loadFeature } from './features/load.js';
export type { FeatureModule, LazyFeature } from './features/load.js';
