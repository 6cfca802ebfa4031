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
  RequestOptions,
  SearchContactsRequest,
  SearchMessagesRequest,
  SendMessageRequest,
  Transport,
  TransportEvent,
  TransportEventType,
  UploadRequest,
} from './transport.js';
export { TransportError, isTransportError, toTransportError } from './errors.js';
export type { TransportErrorInit, TransportErrorKind } from './errors.js';
export type { SaveSavedReplyRequest, SavedReplyRequest } from './transport.js';
