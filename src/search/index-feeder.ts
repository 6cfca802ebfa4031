import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import type { StateChange } from '../store/client.js';
import { isMessageTarget, messageTarget } from '../store/message-target.js';
import type { MessagesState } from '../store/state.js';
import { messageDocKey } from './search-doc.js';

/**
 * Messages of the state indexed per job when the index attaches to a running client (making
 * their keys takes some 20–50 µs each: a job stays well inside an idle slice).
 */
const SEED_BATCH = 50;

/** What the feeder does to the index: the index's own operations. */
export interface IndexOps {
  /** The conversation the person has open (never evicted). */
  readonly select: (conversationId: string | null) => void;
  /** The account is known: open its stored index. */
  readonly open: (accountId: string, userId: string) => void;
  /** Signed out: forget everything, stored index included. */
  readonly wipe: () => void;
  readonly putConversation: (c: Conversation) => void;
  readonly putMessage: (m: Message) => void;
  readonly removeMessage: (key: string) => void;
  readonly removeById: (conversationId: string, messageId: string) => void;
  /** Forgets a conversation's messages (and, when `entirely`, the conversation). */
  readonly dropConversation: (conversationId: string, entirely: boolean) => void;
  /** The person opened a conversation (the eviction order). */
  readonly view: (conversationId: string) => void;
  readonly changed: () => void;
}

/**
 * What the state holds when the index attaches, as idle jobs: one per 50 conversations, and
 * one per {@link SEED_BATCH} messages of a thread's window.
 */
export function seedJobs(state: MessagesState, ops: IndexOps): (() => void)[] {
  ops.select(state.selectedConversationId);
  if (state.account) ops.open(state.account.id, state.account.userId);
  // Queued ahead of later changes: each job is one conversation, or one thread's window.
  const jobs: (() => void)[] = [];
  for (let i = 0; i < state.conversations.length; i += 50) {
    const some = state.conversations.slice(i, i + 50);
    jobs.push(() => {
      for (const c of some) ops.putConversation(c);
      ops.changed();
    });
  }
  for (const t of Object.values(state.threads)) {
    for (let i = 0; i < t.messages.length; i += SEED_BATCH) {
      const some = t.messages.slice(i, i + SEED_BATCH);
      jobs.push(() => {
        for (const m of some) ops.putMessage(m);
        ops.changed();
      });
    }
  }
  return jobs;
}

/**
 * One state change of the client, applied to the index the way the cache applies it
 * (`store/effects/persist.ts`): the conversations and messages it touched, the windows it
 * replaced, the conversation opened.
 */
export function applyChange({ action, state }: StateChange, ops: IndexOps): void {
  ops.select(state.selectedConversationId);
  switch (action.type) {
    case 'reset':
      ops.wipe();
      return;
    case 'account/loaded':
      ops.open(action.account.id, action.account.userId);
      return;
    case 'cache/restored':
      for (const c of action.conversations) ops.putConversation(c);
      break;
    case 'conversations/loaded':
      for (const c of action.page.conversations) ops.putConversation(c);
      break;
    case 'conversation/upserted':
      ops.putConversation(action.conversation);
      break;
    case 'conversation/removed':
      ops.dropConversation(action.conversationId, true);
      break;
    case 'conversation/resolved':
      ops.dropConversation(action.provisionalId, true);
      ops.putConversation(action.conversation);
      for (const m of state.threads[action.conversation.id]?.messages ?? []) ops.putMessage(m);
      break;
    case 'conversation/selected':
      if (action.conversationId) ops.view(action.conversationId);
      return;
    case 'thread/loaded':
      if (action.which === 'latest') {
        // Like the cache: the conversation's messages become the window the state holds.
        ops.dropConversation(action.conversationId, false);
        for (const m of state.threads[action.conversationId]?.messages ?? []) ops.putMessage(m);
        ops.view(action.conversationId);
      } else {
        for (const m of action.page.messages) ops.putMessage(m);
      }
      break;
    case 'jump/loaded': {
      // Like the cache: a window around a message is kept once it reaches the newest messages
      // (it then is the thread's window); before that, it is not cached.
      const t = state.threads[action.conversationId];
      const first = action.page.messages[0];
      if (!t || t.jump || !first || !t.messages.some((m) => m.id === first.id)) return;
      ops.dropConversation(action.conversationId, false);
      for (const m of t.messages) ops.putMessage(m);
      break;
    }
    case 'message/upserted':
    case 'message/status':
    case 'message/retried': {
      const target = messageTarget(action);
      const { conversationId, clientId } = target;
      const named = (m: Message | undefined): m is Message => isMessageTarget(m, target);
      const shown = state.threads[conversationId]?.messages.find(named);
      const last = state.conversations.find((c) => c.id === conversationId)?.lastMessage;
      const message = shown ?? (named(last) ? last : undefined);
      if (!message) return;
      // Acknowledged under another key (a server copy without the client id): one entry.
      if (message.clientId === undefined && clientId !== undefined)
        ops.removeMessage(messageDocKey(conversationId, { id: clientId, clientId }));
      ops.putMessage(message);
      break;
    }
    case 'message/removed':
      ops.removeById(action.conversationId, action.messageId);
      break;
    default:
      return;
  }
  ops.changed();
}
