import type { Account } from '../model/account.js';
import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { ConversationPage, MessagePage, TransportEvent } from '../transport/transport.js';
import type { ScheduledAction } from './scheduled.js';
import type { Draft } from './state.js';

type StatusEvent = Extract<TransportEvent, { readonly type: 'message.status' }>;

/** Everything that can change the state; reducers are the only code that reads these. */
export type Action =
  | { readonly type: 'account/loading' }
  | { readonly type: 'account/loaded'; readonly account: Account }
  | { readonly type: 'account/failed'; readonly error: string }
  | { readonly type: 'conversations/loading' }
  | {
      readonly type: 'conversations/loaded';
      readonly page: ConversationPage;
      readonly reset: boolean;
      /** Read back from the local cache, so nothing to write to it. */
      readonly fromCache?: boolean;
    }
  | { readonly type: 'conversations/failed'; readonly error: string }
  | { readonly type: 'conversation/upserted'; readonly conversation: Conversation }
  | { readonly type: 'conversation/removed'; readonly conversationId: string }
  | { readonly type: 'conversation/selected'; readonly conversationId: string | null }
  | {
      /** A conversation was created on the server for messages written under a provisional id. */
      readonly type: 'conversation/resolved';
      readonly provisionalId: string;
      readonly conversation: Conversation;
    }
  | {
      readonly type: 'thread/loading';
      readonly conversationId: string;
      readonly which: 'latest' | 'older' | 'newer';
    }
  | {
      readonly type: 'thread/loaded';
      readonly conversationId: string;
      readonly which: 'latest' | 'older' | 'newer';
      readonly page: MessagePage;
      /** With `latest`: start the thread over from this page (the older cursor was refused). */
      readonly restart?: boolean;
      /** Read from the local cache (or made up locally), not the server's word. */
      readonly local?: boolean;
    }
  | {
      readonly type: 'thread/failed';
      readonly conversationId: string;
      readonly which: 'latest' | 'older' | 'newer';
      readonly error: string;
    }
  | {
      /** A window around a message is being read (a jump to a search result). */
      readonly type: 'jump/loading';
      readonly conversationId: string;
      readonly messageId: string;
    }
  | {
      /** The next older or newer page of the window around a message is being read. */
      readonly type: 'jump/paging';
      readonly conversationId: string;
      readonly which: 'older' | 'newer';
    }
  | {
      readonly type: 'jump/loaded';
      readonly conversationId: string;
      readonly which: 'around' | 'older' | 'newer';
      readonly page: MessagePage;
    }
  | {
      readonly type: 'jump/failed';
      readonly conversationId: string;
      readonly which: 'around' | 'older' | 'newer';
      readonly error: string;
    }
  | {
      /** Bring an already loaded message into view (and highlight it). */
      readonly type: 'jump/target';
      readonly conversationId: string;
      readonly messageId: string;
    }
  | {
      /** Back to the newest messages: the window around a message is dropped. */
      readonly type: 'jump/left';
      readonly conversationId: string;
    }
  | {
      /** A message to show: local echo, send result, pushed event. Merged by client id or server id. */
      readonly type: 'message/upserted';
      readonly message: Message;
    }
  /** A status the backend reported (`message.status`) or the outbox reached: the event's fields. */
  | ({ readonly type: 'message/status' } & Omit<StatusEvent, 'type' | 'eventId'>)
  | {
      /** The user retries a failed message: it goes back to `queued` with the same client id. */
      readonly type: 'message/retried';
      readonly conversationId: string;
      readonly clientId: string;
      readonly at: number;
    }
  | { readonly type: 'message/removed'; readonly conversationId: string; readonly messageId: string }
  | { readonly type: 'draft/set'; readonly key: string; readonly draft: Draft | null }
  | { readonly type: 'connection/changed'; readonly state: 'online' | 'offline' }
  | {
      /** Start-up read the cache: show what it had until the network answers. */
      readonly type: 'cache/restored';
      readonly conversations: readonly Conversation[];
      readonly conversationsCursor: string | null;
      readonly drafts: Readonly<Record<string, Draft>>;
    }
  | {
      /** Progress of the push channel: an event handled, texts notified, the notified horizon. */
      readonly type: 'sync/progress';
      readonly lastEventId?: string;
      readonly through?: number;
      readonly notified?: readonly string[];
    }
  | { readonly type: 'storage/changed'; readonly health: 'ok' | 'unavailable' | 'full' | 'blocked' }
  | { readonly type: 'reset' }
  | ScheduledAction;
