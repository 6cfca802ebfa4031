import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { Draft } from '../model/draft.js';
import type { PushSync } from '../model/sync.js';
import type { JumpTarget, JumpWindow } from './thread-window.js';
import type { ScheduledState } from './scheduled.js';

/** Progress of a remote read. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The loaded window of one conversation's messages. */
export interface ThreadState {
  readonly conversationId: string;
  /** Oldest first. Keyed for rendering by {@link messageKey}. */
  readonly messages: readonly Message[];
  /**
   * Cursor for older messages; `null` once the start of the conversation is loaded — which
   * only the server can say: see `synced`.
   */
  readonly olderCursor: string | null;
  /**
   * Whether the server's newest page has been merged. A window shown from the cache or the
   * outbox alone (first opened while the API was away) is not, and never claims to be the
   * beginning of the conversation; it reconciles with the server when the API returns.
   */
  readonly synced: boolean;
  /** Cursor for newer messages. */
  readonly newerCursor: string | null;
  /** Whether newer messages than the loaded window exist on the server. */
  readonly hasNewer: boolean;
  /** The first (newest) page: `idle` before it is asked for. */
  readonly status: LoadStatus;
  readonly loadingOlder: boolean;
  readonly loadingNewer: boolean;
  /** Why the last read failed, for an error row with retry. */
  readonly error: string | null;
  /**
   * A window read around one message (`openConversation({ conversationId, messageId })`) that
   * has not reached the messages above yet: shown instead of them, paged both ways, and merged
   * with them once its newer pages reach them (see `./thread-window.ts`). Live messages keep
   * going to `messages` meanwhile; this window never takes them as if it were contiguous.
   */
  readonly jump?: JumpWindow;
  /** The message to bring into view and highlight; `seq` grows with every request. */
  readonly target?: JumpTarget;
  /**
   * Messages that arrived while `hasNewer` (the window does not reach the newest): kept out of
   * `messages` so they never sit after a gap, and merged once a newer page reaches the newest.
   */
  readonly held?: readonly Message[];
}

export type { Draft } from '../model/draft.js';
export type { PushSync } from '../model/sync.js';

/** Everything the elements show; read it through the client's selectors. */
export interface MessagesState {
  readonly account: Account | null;
  readonly accountStatus: LoadStatus;
  readonly accountError: string | null;
  /** Known conversations, newest activity first. */
  readonly conversations: readonly Conversation[];
  readonly conversationsStatus: LoadStatus;
  /** Cursor of the next (older) page of conversations; `null` with `conversationsComplete`. */
  readonly conversationsCursor: string | null;
  readonly conversationsComplete: boolean;
  readonly conversationsError: string | null;
  readonly threads: Readonly<Record<string, ThreadState>>;
  readonly selectedConversationId: string | null;
  readonly drafts: Readonly<Record<string, Draft>>;
  /** State of the push connection. */
  readonly connection: 'online' | 'offline';
  /** State of the local cache; anything but `ok` shows a non-blocking warning. */
  readonly storage: 'ok' | 'unavailable' | 'full' | 'blocked';
  /** Where the push channel left off and what was notified (shared by tabs, kept across reloads). */
  readonly sync: PushSync;
  /** Messages scheduled to be sent later, per conversation (only with a transport that can). */
  readonly scheduled: Readonly<Record<string, ScheduledState>>;
}

export const initialState: MessagesState = {
  account: null,
  accountStatus: 'idle',
  accountError: null,
  conversations: [],
  conversationsStatus: 'idle',
  conversationsCursor: null,
  conversationsComplete: false,
  conversationsError: null,
  threads: {},
  selectedConversationId: null,
  drafts: {},
  connection: 'online',
  storage: 'ok',
  sync: { lastEventId: null, through: null, notified: [] },
  scheduled: {},
};

/** An empty thread, before its first page is read. */
export function emptyThread(conversationId: string): ThreadState {
  return {
    conversationId,
    messages: [],
    olderCursor: null,
    synced: false,
    newerCursor: null,
    hasNewer: false,
    status: 'idle',
    loadingOlder: false,
    loadingNewer: false,
    error: null,
  };
}

/** The stable key of a message across its whole life (local echo, acknowledgement, echo event). */
export function messageKey(message: Pick<Message, 'id' | 'clientId'>): string {
  return message.clientId ?? message.id;
}
