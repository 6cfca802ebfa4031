export type {
  ConversationPage,
  ConversationRequest,
  DeleteMessageRequest,
  FindConversationRequest,
  ListConversationsRequest,
  ListMessagesRequest,
  MessagePage,
  MessageSearchPage,
  MessageSearchResult,
  ListScheduledRequest,
  RequestOptions,
  ScheduleMessageRequest,
  ScheduledMessage,
  ScheduledRemovedReason,
  ScheduledRequest,
  SearchContactsRequest,
  SearchMessagesRequest,
  SendMessageRequest,
  Transport,
  TransportEvent,
  TransportEventType,
  UpdateScheduledRequest,
  UploadRequest,
} from './transport.js';
export { TransportError, isTransportError, toTransportError } from './errors.js';
export type { TransportErrorInit, TransportErrorKind } from './errors.js';
export type { SaveSavedReplyRequest, SavedReplyRequest } from './transport.js';
