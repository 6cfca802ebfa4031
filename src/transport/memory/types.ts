// The public types of the memory backend (re-exported by memory-backend.ts and the package's `memory` entry).
import type { Account } from '../../model/account.js';
import type { Attachment } from '../../model/attachment.js';
import type { Contact } from '../../model/contact.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import type { SavedReply } from '../../model/saved-reply.js';
import type { TransportErrorKind } from '../errors.js';
import type * as T from '../transport.js';
import type { DemoMediaKind } from './media.js';

/** Options of {@link MemoryBackend} (all optional). */
export interface MemoryBackendOptions {
  /**
   * Delay of every request in ms: fixed, or a random `[min, max]` range. Default `[120, 400]`,
   * like a real network; pass `0` in tests.
   */
  readonly latencyMs?: number | readonly [number, number];
  /** Seed of the generated data and of every random choice (default 1): same seed, same data. */
  readonly seed?: number;
  /** Conversations of the main account (default 300). */
  readonly conversations?: number;
  /** Messages per seeded conversation, inclusive range (default [3, 40]). */
  readonly messagesPerConversation?: readonly [number, number];
  /** Contacts of the main account (default 150). */
  readonly contacts?: number;
  /**
   * The newest conversation holds this many messages, for benchmarks (e.g. `100_000`). Its
   * messages are made when the thread is first read, not when the backend is created.
   */
  readonly hugeThread?: number;
  /** Carrier delays in ms: queued → sent, then sent → delivered/failed (default [300, 900]). */
  readonly deliveryMs?: readonly [number, number];
  /** Share (0–1) of outbound messages the carrier fails (default 0). */
  readonly carrierFailureRate?: number;
  /** Speed of simulated uploads in bytes per second (default 1 000 000). */
  readonly uploadBytesPerSecond?: number;
  /** The clock for timestamps (default `Date.now`); timers are always real. */
  readonly now?: () => number;
}

/** What {@link MemoryBackend.receive} takes; everything is optional. */
export interface InboundOptions {
  /** Account that receives (default: the first account with a texting number). */
  readonly accountId?: string;
  /** A conversation to receive in (e.g. a group): `from` defaults to one of its participants. */
  readonly conversationId?: string;
  /** Sender, E.164 (default: a participant of a recent one-to-one conversation). */
  readonly from?: string;
  /** Own number that receives (default: the conversation's, or the account's first number). */
  readonly to?: string;
  /** Text (default: a friendly line; empty when there are attachments). */
  readonly text?: string;
  /** Attachments to include (e.g. returned by `uploadAttachment`). */
  readonly attachments?: readonly Attachment[];
  /** Demo files to attach. */
  readonly media?: readonly DemoMediaKind[];
  /** Attach one random demo photo. */
  readonly withAttachment?: boolean;
}

/** Kinds {@link MemoryBackend.failNextSends} can fail with. */
export type InjectedFailure = Exclude<TransportErrorKind, 'aborted'>;

/**
 * What the backend answers, per account: the methods of the `Transport`, without the request
 * pipeline. `MemoryTransport` calls them through {@link MemoryBackend.handle}.
 */
export interface MemoryHandlers {
  getAccount(request: T.RequestOptions): Account;
  listConversations(request: T.ListConversationsRequest): T.ConversationPage;
  getConversation(request: T.ConversationRequest): Conversation;
  findConversation(request: T.FindConversationRequest): Conversation | null;
  listMessages(request: T.ListMessagesRequest): T.MessagePage;
  sendMessage(request: T.SendMessageRequest): Message;
  uploadAttachment(request: T.UploadRequest): Promise<Attachment>;
  deleteMessage(request: T.DeleteMessageRequest): void;
  deleteConversation(request: T.ConversationRequest): void;
  markRead(request: T.ConversationRequest): Conversation;
  markUnread(request: T.ConversationRequest): Conversation;
  searchContacts(request: T.SearchContactsRequest): Contact[];
  searchMessages(request: T.SearchMessagesRequest): T.MessageSearchPage;
  scheduleMessage(request: T.ScheduleMessageRequest): T.ScheduledMessage;
  listScheduled(request: T.ListScheduledRequest): T.ScheduledMessage[];
  updateScheduled(request: T.UpdateScheduledRequest): T.ScheduledMessage;
  cancelScheduled(request: T.ScheduledRequest): void;
  sendScheduledNow(request: T.ScheduledRequest): Message;
  listSavedReplies(request: T.RequestOptions): SavedReply[];
  saveSavedReply(request: T.SaveSavedReplyRequest): SavedReply;
  deleteSavedReply(request: T.SavedReplyRequest): void;
}
