import type { Account } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import type * as T from '../transport.js';
import type { Transport, TransportEvent } from '../transport.js';
import type { MemoryBackend } from './memory-backend.js';

/**
 * The {@link Transport} one account of a {@link MemoryBackend} sees, like one signed-in browser
 * tab. Get one with `backend.connect(accountId)` or `createMemoryTransport(options)`. Several
 * transports may be connected to the same account: each gets every event of that account.
 *
 * Every call goes through the backend's request pipeline: latency, the `AbortSignal`, the
 * simulated network (offline, rate limit) and the failure injection, then the account's data.
 */
export class MemoryTransport implements Transport {
  /** The backend this transport talks to (for demos and tests: inject failures, receive texts). */
  readonly backend: MemoryBackend;
  /** The account this transport is signed in to. */
  readonly accountId: string;

  constructor(backend: MemoryBackend, accountId: string) {
    this.backend = backend;
    this.accountId = accountId;
  }

  getAccount(options: T.RequestOptions = {}): Promise<Account> {
    return this.backend.handle(this.accountId, 'getAccount', options);
  }

  listConversations(request: T.ListConversationsRequest = {}): Promise<T.ConversationPage> {
    return this.backend.handle(this.accountId, 'listConversations', request);
  }

  getConversation(request: T.ConversationRequest): Promise<Conversation> {
    return this.backend.handle(this.accountId, 'getConversation', request);
  }

  findConversation(request: T.FindConversationRequest): Promise<Conversation | null> {
    return this.backend.handle(this.accountId, 'findConversation', request);
  }

  listMessages(request: T.ListMessagesRequest): Promise<T.MessagePage> {
    return this.backend.handle(this.accountId, 'listMessages', request);
  }

  sendMessage(request: T.SendMessageRequest): Promise<Message> {
    return this.backend.handle(this.accountId, 'sendMessage', request);
  }

  uploadAttachment(request: T.UploadRequest): Promise<Attachment> {
    return this.backend.handle(this.accountId, 'uploadAttachment', request);
  }

  deleteMessage(request: T.DeleteMessageRequest): Promise<void> {
    return this.backend.handle(this.accountId, 'deleteMessage', request);
  }

  deleteConversation(request: T.ConversationRequest): Promise<void> {
    return this.backend.handle(this.accountId, 'deleteConversation', request);
  }

  markRead(request: T.ConversationRequest): Promise<Conversation> {
    return this.backend.handle(this.accountId, 'markRead', request);
  }

  markUnread(request: T.ConversationRequest): Promise<Conversation> {
    return this.backend.handle(this.accountId, 'markUnread', request);
  }

  searchContacts(request: T.SearchContactsRequest): Promise<readonly Contact[]> {
    return this.backend.handle(this.accountId, 'searchContacts', request);
  }

  /** Searches the account's messages (case- and accent-folded word prefixes, or a number's digits). */
  searchMessages(request: T.SearchMessagesRequest): Promise<T.MessageSearchPage> {
    return this.backend.handle(this.accountId, 'searchMessages', request);
  }

  /** Schedules a text; the backend sends it at `sendAt` with its own timer. */
  scheduleMessage(request: T.ScheduleMessageRequest): Promise<T.ScheduledMessage> {
    return this.backend.handle(this.accountId, 'scheduleMessage', request);
  }

  listScheduled(request: T.ListScheduledRequest = {}): Promise<readonly T.ScheduledMessage[]> {
    return this.backend.handle(this.accountId, 'listScheduled', request);
  }

  updateScheduled(request: T.UpdateScheduledRequest): Promise<T.ScheduledMessage> {
    return this.backend.handle(this.accountId, 'updateScheduled', request);
  }

  cancelScheduled(request: T.ScheduledRequest): Promise<void> {
    return this.backend.handle(this.accountId, 'cancelScheduled', request);
  }

  sendScheduledNow(request: T.ScheduledRequest): Promise<Message> {
    return this.backend.handle(this.accountId, 'sendScheduledNow', request);
  }

  /** The account's saved replies: the shared ones and the user's own. */
  listSavedReplies(options?: T.RequestOptions): Promise<readonly SavedReply[]> {
    return this.backend.handle(this.accountId, 'listSavedReplies', options ?? {});
  }

  /** Creates (without `id`) or changes one of the user's own saved replies. */
  saveSavedReply(request: T.SaveSavedReplyRequest): Promise<SavedReply> {
    return this.backend.handle(this.accountId, 'saveSavedReply', request);
  }

  /** Deletes one of the user's own saved replies. */
  deleteSavedReply(request: T.SavedReplyRequest): Promise<void> {
    return this.backend.handle(this.accountId, 'deleteSavedReply', request);
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.backend.subscribe(this.accountId, listener);
  }
}
