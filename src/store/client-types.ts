// The client's public types: what `createMessagesClient` takes and what it returns. The
// implementation is `client.ts`; this file has no code, so hosts and elements can import the
// types without it.
import type { Observable } from 'rxjs';
import type { MessagesCache } from '../cache/cache.js';
import type { Account, OwnNumber } from '../model/account.js';
import type { Attachment } from '../model/attachment.js';
import type { Contact } from '../model/contact.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { SavedReply } from '../model/saved-reply.js';
import type {
  MessageSearchPage,
  ScheduledMessage,
  SearchMessagesRequest,
  Transport,
} from '../transport/transport.js';
import type { Action } from './actions.js';
import type { LoggedStatus } from './message-log.js';
import type { RetryOptions } from './outbox.js';
import type { ScheduleInput, ScheduledChanges } from './scheduled-commands.js';
import type { ScheduledState } from './scheduled.js';
import type { Draft, LoadStatus, MessagesState, ThreadState } from './state.js';

/** Options of {@link createMessagesClient}. */
export interface MessagesClientOptions {
  /** The backend. */
  readonly transport: Transport;
  /** The clock (ms since epoch); injected for tests. */
  readonly now?: () => number;
  /** Generates client ids; injected for tests. */
  readonly generateId?: () => string;
  /** Page sizes for conversations (default 30) and messages (default 50). */
  readonly pageSize?: { readonly conversations?: number; readonly messages?: number };
  /**
   * Automatic retry of sends that fail for a retryable reason; its delays also pace reads that
   * failed while online (see docs/offline.md).
   */
  readonly retry?: RetryOptions;
  /** Start loading at once (default `true`); otherwise call {@link MessagesClient.start}. */
  readonly autoStart?: boolean;
  /**
   * The local cache (see `createIndexedDbCache`): start-up shows what it holds before the
   * network answers, drafts survive reloads, and unsent messages wait in its outbox.
   */
  readonly cache?: MessagesCache;
  /**
   * At most `messages` sends to one conversation within `perMs` (default 10 per 10 s), so a
   * stuck key or a runaway script cannot flood recipients.
   */
  readonly throttle?: { readonly messages: number; readonly perMs: number };
  /**
   * A key shared by the tabs of the same account and user, e.g. `${accountId}:${userId}`.
   * Tabs with the same key share state over BroadcastChannel, and one of them (elected with
   * Web Locks) holds the push subscription, drains the outbox and shows notifications.
   */
  readonly tabs?: string;
}

/** A conversation to open, optionally around one of its messages; see {@link MessagesClient.openConversation}. */
export interface OpenConversationTarget {
  readonly conversationId: string;
  /**
   * Open the conversation around this message (a search result): the page that holds it is read
   * (not the whole history), and the thread brings it into the middle of the view and highlights
   * it. When it is loaded already, the thread just goes there.
   */
  readonly messageId?: string;
}

/** Options of {@link MessagesClient.signOut}. */
export interface SignOutOptions {
  /**
   * What to do with messages not yet acknowledged: `discard` them (default), or `send` them
   * first, waiting up to `waitMs` (default 10 s) before discarding what is left.
   */
  readonly unsent?: 'discard' | 'send';
  /** How long `send` waits, on the client's clock (its `now` option). */
  readonly waitMs?: number;
}

/** What a user writes; see {@link MessagesClient.send}. */
export interface SendInput {
  /** An existing (or provisional) conversation; or give `to`. */
  readonly conversationId?: string;
  /** Recipients (E.164) when there is no conversation yet; several make a group. */
  readonly to?: readonly string[];
  /** The own number to send from; defaults to the conversation's, then the account's first. */
  readonly from?: string;
  readonly text: string;
  /** Files already uploaded with {@link MessagesClient.upload}. */
  readonly attachments?: readonly Attachment[];
}

/** Options of {@link MessagesClient.upload}. */
export interface UploadOptions {
  /** The own number that will send the file (its limits apply). */
  readonly from: string;
  /** Name to upload under; defaults to the file's own name. */
  readonly name?: string;
  readonly onProgress?: (loaded: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** The list of conversations as the list element shows it. */
export interface ConversationListView {
  readonly items: readonly Conversation[];
  readonly status: LoadStatus;
  readonly complete: boolean;
  readonly error: string | null;
}

/** Things that happened, for notifications, announcements and the host's `sms-error` handling. */
export type ClientEvent =
  | { readonly type: 'message-received'; readonly message: Message; readonly conversation: Conversation }
  /**
   * An outgoing message reached `sent`, `delivered` or `failed`. With `tabs`, only the leader tab
   * reports it, so each change is reported once however many tabs are open.
   */
  | {
      readonly type: 'message-status';
      readonly status: LoggedStatus;
      readonly message: Message;
      readonly conversation: Conversation;
    }
  | { readonly type: 'send-failed'; readonly message: Message }
  | { readonly type: 'error'; readonly operation: string; readonly error: Error };

/**
 * The one object elements talk to: owns the store, the outbox and the transport subscription.
 * Create it with {@link createMessagesClient}; give it to elements through `<sms-provider>` or
 * their `.client` property.
 */
export interface MessagesClient {
  /** The whole state; prefer the narrower selectors. */
  readonly state$: Observable<MessagesState>;
  readonly account$: Observable<Account | null>;
  readonly accountStatus$: Observable<LoadStatus>;
  readonly conversationList$: Observable<ConversationListView>;
  /** Sum of unread counts of all known conversations. */
  readonly totalUnread$: Observable<number>;
  readonly selectedConversationId$: Observable<string | null>;
  readonly connection$: Observable<'online' | 'offline'>;
  /** Health of the local cache: anything but `ok` deserves a non-blocking warning. */
  readonly storage$: Observable<'ok' | 'unavailable' | 'full' | 'blocked'>;
  /** Received messages, failures and errors as they happen. */
  readonly events$: Observable<ClientEvent>;
  /**
   * Every state change as it happens (this tab's and other tabs'), with the state after it, for
   * local copies that follow the state (the search index). A `reset` comes on sign-out, when
   * such copies must delete the account's data.
   */
  readonly changes$: Observable<StateChange>;
  /**
   * The cache given at creation, if any: local copies that follow it (the search index) read
   * what it holds and follow its eviction. Elements never write to it.
   */
  readonly cache: MessagesCache | undefined;
  /** The current state, synchronously. */
  getState(): MessagesState;
  conversation$(conversationId: string): Observable<Conversation | undefined>;
  thread$(conversationId: string): Observable<ThreadState | undefined>;
  draft$(conversationId: string): Observable<Draft | undefined>;

  /** Loads the account and the first page of conversations and starts listening. Idempotent. */
  start(): Promise<void>;
  /** Loads the next (older) page of conversations. */
  loadMoreConversations(): Promise<void>;
  /** Reloads the first page of conversations (after an error, or to refresh). */
  reloadConversations(): Promise<void>;
  /** Marks a conversation as the one on screen (or none). */
  selectConversation(conversationId: string | null): void;
  /**
   * Loads the newest page of a conversation unless it is loaded already. With
   * `{ conversationId, messageId }`: opens it around that message instead (see
   * {@link OpenConversationTarget}); paging newer from there reaches the newest, and
   * {@link MessagesClient.showLatest} goes back to it. Rejects with `ClientError`
   * `unknown-message` (the chat then opens at its newest) when the message is not in the chat.
   */
  openConversation(target: string | OpenConversationTarget): Promise<void>;
  /** Back to the newest messages of a conversation opened around a message ("Jump to the latest"). */
  showLatest(conversationId: string): void;
  /**
   * The id of the conversation with exactly these participants from `from`; a provisional id
   * when none exists yet (created on the first send). Without `from`: the chat these people
   * last texted with (the most recent of their chats on the account's numbers, asking the
   * backend when none is loaded), else the account's first number.
   */
  resolveConversation(participants: readonly string[], from?: string): Promise<string>;
  loadOlder(conversationId: string): Promise<void>;
  loadNewer(conversationId: string): Promise<void>;
  /** Shows the message at once (local echo) and sends it through the outbox; resolves with the echo. */
  send(input: SendInput): Promise<Message>;
  /**
   * Sends a failed message again: with the same client id when the server never took it; as a
   * new send (the refused copy removed) when the carrier refused it. A failed message without a
   * client id (written by another system) is named by its `id` and goes as a new send.
   */
  retry(clientId: string): Promise<void>;
  deleteMessage(conversationId: string, messageId: string): Promise<void>;
  deleteConversation(conversationId: string): Promise<void>;
  markRead(conversationId: string): Promise<void>;
  markUnread(conversationId: string): Promise<void>;
  searchContacts(query: string, signal?: AbortSignal): Promise<readonly Contact[]>;
  /**
   * Searches the account's messages on the server when the transport offers `searchMessages`
   * (see `docs/search.md`); resolves with `null` when it does not, so only the local index
   * answers. Rejects with a `TransportError` (kind `aborted` when `request.signal` fires).
   */
  searchMessages(request: SearchMessagesRequest): Promise<MessageSearchPage | null>;
  upload(file: Blob & { readonly name?: string }, options: UploadOptions): Promise<Attachment>;
  /**
   * The saved replies the transport keeps for this user (shared and personal), sorted by title;
   * `[]` when the transport has no `listSavedReplies`.
   */
  listSavedReplies(signal?: AbortSignal): Promise<readonly SavedReply[]>;
  /** Whether the transport lists saved replies (`listSavedReplies`). */
  readonly canListReplies: boolean;
  /** Whether personal saved replies can be created, edited and deleted (the transport saves them). */
  readonly canSaveReplies: boolean;
  /** Creates (without `id`) or changes a personal saved reply; `not-supported` without the capability. */
  saveSavedReply(reply: {
    readonly id?: string;
    readonly title: string;
    readonly text: string;
  }): Promise<SavedReply>;
  /** Deletes a personal saved reply; `not-supported` without the capability. */
  deleteSavedReply(id: string): Promise<void>;
  /** Keeps (or, with `null`, clears) the draft of a conversation. */
  setDraft(conversationId: string, draft: Draft | null): void;
  /** The account's number with that E.164, if any. */
  ownNumber(number: string): OwnNumber | undefined;
  /** Messages written here that the server has not acknowledged yet. */
  unsentMessages(): readonly Message[];
  /**
   * Signs out: deletes this account's cache (conversations, messages, drafts, outbox) after
   * dealing with unsent messages as `options` say, then destroys the client. Resolves with
   * the messages that were discarded unsent. Rejects with the browser's error when the cache
   * cannot be deleted (the client is destroyed all the same; what was kept may still be on this
   * device: sign out again with a new client for the same account).
   */
  signOut(options?: SignOutOptions): Promise<readonly Message[]>;
  /** Ends every subscription and timer; the client cannot be used afterwards. */
  destroy(): void;

  // ── send later (only when the transport has the scheduling capability) ──
  /** Whether the transport can send messages later; without it, "Send later" is hidden. */
  readonly canSchedule: boolean;
  /** A conversation's scheduled messages (soonest first), kept up to date by the backend's events. */
  scheduled$(conversationId: string): Observable<ScheduledState | undefined>;
  /** Reads a conversation's scheduled messages unless they are read already. */
  loadScheduled(conversationId: string): Promise<void>;
  /**
   * Has the backend send a text later. Rejects with `ClientError` (`scheduling-unsupported`,
   * `unknown-conversation`, `empty-message`, `text-too-long`, `scheduled-in-past`) or the
   * transport's refusal.
   */
  scheduleMessage(input: ScheduleInput): Promise<ScheduledMessage>;
  /** Changes a scheduled message's text, time or cancel-if-replied. */
  updateScheduled(scheduledId: string, changes: ScheduledChanges): Promise<ScheduledMessage>;
  /** Cancels a scheduled message (already gone counts as done). */
  cancelScheduled(scheduledId: string): Promise<void>;
  /** Sends a scheduled message at once; resolves with the sent message. */
  sendScheduledNow(scheduledId: string): Promise<Message>;
}

/** One change of the state: see {@link MessagesClient.changes$}. */
export interface StateChange {
  readonly action: Action;
  readonly state: MessagesState;
}
