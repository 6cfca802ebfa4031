import type { Message } from '../model/message.js';
import { isProvisionalId } from '../model/ids.js';
import type { Action } from './actions.js';
import { reduceScheduled } from './scheduled.js';
import type { ScheduledAction } from './scheduled.js';
import { emptyThread, initialState } from './state.js';
import type { MessagesState, ThreadState } from './state.js';
import { canMoveTo, mergeMessage } from '../rules/message-status.js';
import { findMessageIndex, mergePage, upsertMessage } from './merge.js';
import { followLastMessage, learnLastStatuses, mergeConversations } from './list-reducers.js';
import { hold, reduceJump, releaseHeld } from './thread-window.js';

function updateThread(
  state: MessagesState,
  conversationId: string,
  update: (thread: ThreadState) => ThreadState,
): MessagesState {
  const current = state.threads[conversationId] ?? emptyThread(conversationId);
  const next = update(current);
  if (next === current) return state;
  return { ...state, threads: { ...state.threads, [conversationId]: next } };
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** The state change of a message action, then the conversation's `lastMessage` following it. */
function reduceMessage(state: MessagesState, action: Exclude<Action, ScheduledAction>): MessagesState {
  const after = reduceCore(state, action);
  switch (action.type) {
    case 'message/upserted': {
      const { message } = action;
      const shown = findIn(after, message.conversationId, message.id, message.clientId);
      return followLastMessage(
        after,
        message.conversationId,
        message.id,
        message.clientId,
        (last) => shown ?? mergeMessage(last, message),
      );
    }
    case 'message/status':
      return followLastMessage(after, action.conversationId, action.messageId, action.clientId, (last) => {
        const shown = findIn(after, action.conversationId, action.messageId, action.clientId);
        if (shown) return shown;
        // The thread is not loaded: move the list's copy by the same rule as the thread's.
        if (!canMoveTo(last.status, last.failure, action.status)) return last;
        const { failure: _old, ...rest } = last;
        return action.status === 'failed' && action.failure
          ? { ...rest, status: action.status, failure: action.failure, updatedAt: action.at }
          : { ...rest, status: action.status, updatedAt: action.at };
      });
    case 'message/retried':
      return followLastMessage(after, action.conversationId, action.clientId, action.clientId, (last) => {
        const shown = findIn(after, action.conversationId, action.clientId, action.clientId);
        if (shown) return shown;
        if (!canMoveTo(last.status, last.failure, 'queued', { allowRetry: true })) return last;
        const { failure: _old, ...rest } = last;
        return { ...rest, status: 'queued', updatedAt: action.at };
      });
    case 'message/removed':
      return followLastMessage(after, action.conversationId, action.messageId, undefined, () => {
        // The message before it, when the loaded window reaches the present.
        const t = after.threads[action.conversationId];
        return t && !t.hasNewer ? (t.messages[t.messages.length - 1] ?? null) : null;
      });
    default:
      return after;
  }
}

function findIn(
  state: MessagesState,
  conversationId: string,
  id: string,
  clientId?: string,
): Message | undefined {
  const messages = state.threads[conversationId]?.messages;
  if (!messages) return undefined;
  const at = findMessageIndex(messages, id, clientId);
  return at === -1 ? undefined : messages[at];
}

/** How many notified message ids are remembered (far more than a gap ever holds). */
const NOTIFIED_KEPT = 500;

/** Whether event id `next` comes after `current` (numeric ids compare as numbers). */
function laterEventId(next: string, current: string | null): boolean {
  if (current === null) return true;
  if (/^\d+$/.test(next) && /^\d+$/.test(current)) return Number(next) > Number(current);
  return next !== current;
}

/** The pure state transition of the store. No I/O, no clock, no ids. */
export function reduce(state: MessagesState, action: Action): MessagesState {
  switch (action.type) {
    case 'message/upserted':
    case 'message/status':
    case 'message/retried':
    case 'message/removed':
      return followInJump(reduceMessage(state, action), action);
    case 'scheduled/loading':
    case 'scheduled/loaded':
    case 'scheduled/failed':
    case 'scheduled/upserted':
    case 'scheduled/removed':
      return reduceScheduled(state, action);
    default:
      return reduceCore(state, action);
  }
}

/**
 * A message action also reaches the copy shown in a window around a message (a status, a
 * deletion, an edit), but never adds a message to it: that window does not reach the present.
 */
function followInJump(state: MessagesState, action: Exclude<Action, ScheduledAction>): MessagesState {
  const id =
    action.type === 'message/upserted'
      ? action.message.conversationId
      : 'conversationId' in action
        ? action.conversationId
        : null;
  const t = id === null ? undefined : state.threads[id];
  const jump = t?.jump;
  if (id === null || !t || !jump?.messages.length) return state;
  const alone = { ...state, threads: { [id]: { ...t, messages: jump.messages, hasNewer: true } } };
  const messages = reduceCore(alone, action).threads[id]?.messages;
  if (!messages || messages === jump.messages) return state;
  return updateThread(state, id, (current) => ({ ...current, jump: { ...jump, messages } }));
}

function reduceCore(state: MessagesState, action: Exclude<Action, ScheduledAction>): MessagesState {
  switch (action.type) {
    case 'account/loading':
      return { ...state, accountStatus: 'loading', accountError: null };
    case 'account/loaded':
      return { ...state, account: action.account, accountStatus: 'ready', accountError: null };
    case 'account/failed':
      return { ...state, accountStatus: 'error', accountError: action.error };

    case 'conversations/loading':
      return { ...state, conversationsStatus: 'loading', conversationsError: null };
    case 'conversations/loaded': {
      const base = action.reset
        ? state.conversations.filter((c) => isProvisionalId(c.id))
        : state.conversations;
      return {
        ...learnLastStatuses(state, action.page.conversations),
        conversations: mergeConversations(base, action.page.conversations),
        conversationsStatus: 'ready',
        conversationsCursor: action.page.nextCursor,
        conversationsComplete: action.page.nextCursor === null,
        conversationsError: null,
      };
    }
    case 'conversations/failed':
      return { ...state, conversationsStatus: 'error', conversationsError: action.error };

    case 'conversation/upserted':
      return { ...state, conversations: mergeConversations(state.conversations, [action.conversation]) };
    case 'conversation/removed': {
      const conversations = state.conversations.filter((c) => c.id !== action.conversationId);
      return {
        ...state,
        conversations,
        threads: withoutKey(state.threads, action.conversationId),
        drafts: withoutKey(state.drafts, action.conversationId),
        selectedConversationId:
          state.selectedConversationId === action.conversationId ? null : state.selectedConversationId,
      };
    }
    case 'conversation/selected':
      return state.selectedConversationId === action.conversationId
        ? state
        : { ...state, selectedConversationId: action.conversationId };
    case 'conversation/resolved': {
      const { provisionalId, conversation } = action;
      const provisional = state.threads[provisionalId];
      const existing = state.threads[conversation.id];
      let threads = withoutKey(state.threads, provisionalId);
      if (provisional) {
        const messages = provisional.messages
          .map((m) => ({ ...m, conversationId: conversation.id }))
          .reduce(upsertMessage, existing?.messages ?? []);
        threads = {
          ...threads,
          [conversation.id]: { ...(existing ?? provisional), conversationId: conversation.id, messages },
        };
      }
      const draft = state.drafts[provisionalId];
      const drafts = draft
        ? { ...withoutKey(state.drafts, provisionalId), [conversation.id]: draft }
        : state.drafts;
      return {
        ...state,
        threads,
        drafts,
        conversations: mergeConversations(
          state.conversations.filter((c) => c.id !== provisionalId),
          [conversation],
        ),
        selectedConversationId:
          state.selectedConversationId === provisionalId ? conversation.id : state.selectedConversationId,
      };
    }

    case 'thread/loading':
      return updateThread(state, action.conversationId, (t) =>
        action.which === 'latest'
          ? // Revalidating a thread shown from the cache keeps it on screen.
            { ...t, status: t.status === 'ready' && t.messages.length ? 'ready' : 'loading', error: null }
          : action.which === 'older'
            ? { ...t, loadingOlder: true, error: null }
            : { ...t, loadingNewer: true, error: null },
      );
    case 'thread/loaded':
      return updateThread(state, action.conversationId, (t) => {
        const { page } = action;
        if (action.which === 'latest') {
          const oldest = page.messages[0];
          if (
            !action.restart &&
            oldest &&
            page.olderCursor !== null &&
            findMessageIndex(t.messages, oldest.id, oldest.clientId) !== -1
          ) {
            // The newest page overlaps what is shown (from the cache, or loaded before): keep the
            // older messages and where the user is; drop only what the server no longer lists.
            // What it lists merges with what is shown, so no status goes back.
            const listed = new Set(page.messages.flatMap((m) => (m.clientId ? [m.id, m.clientId] : [m.id])));
            const kept = t.messages.filter(
              (m) =>
                m.createdAt < oldest.createdAt ||
                (m.id === m.clientId && m.direction === 'outbound') ||
                listed.has(m.id) ||
                (m.clientId !== undefined && listed.has(m.clientId)),
            );
            return releaseHeld({
              ...t,
              messages: mergePage(kept, page.messages, 'after'),
              newerCursor: page.newerCursor,
              hasNewer: page.hasNewer,
              synced: t.synced || !action.local,
              status: 'ready',
              error: null,
            });
          }
          return releaseHeld({
            ...t,
            messages: mergePage(t.messages, page.messages, 'replace'),
            olderCursor: page.olderCursor,
            synced: t.synced || !action.local,
            newerCursor: page.newerCursor,
            hasNewer: page.hasNewer,
            status: 'ready',
            error: null,
          });
        }
        if (action.which === 'older') {
          return {
            ...t,
            messages: mergePage(t.messages, page.messages, 'before'),
            olderCursor: page.olderCursor,
            loadingOlder: false,
            error: null,
          };
        }
        return releaseHeld({
          ...t,
          messages: mergePage(t.messages, page.messages, 'after'),
          newerCursor: page.newerCursor,
          hasNewer: page.hasNewer,
          loadingNewer: false,
          error: null,
        });
      });
    case 'thread/failed':
      return updateThread(state, action.conversationId, (t) => ({
        ...t,
        // A failed refresh of a thread shown from the cache keeps it usable (offline reading).
        status:
          action.which === 'latest' && !t.messages.length
            ? 'error'
            : t.status === 'loading'
              ? 'ready'
              : t.status,
        loadingOlder: action.which === 'older' ? false : t.loadingOlder,
        loadingNewer: action.which === 'newer' ? false : t.loadingNewer,
        error: action.error,
      }));

    case 'message/upserted': {
      const { message } = action;
      const thread = state.threads[message.conversationId];
      if (!thread) return state;
      const known = findMessageIndex(thread.messages, message.id, message.clientId) !== -1;
      // A new message beyond a window that does not reach the present: kept until a newer page
      // reaches the newest (never shown after a gap, never lost if that page was read before it).
      if (!known && thread.hasNewer)
        return updateThread(state, message.conversationId, (t) => hold(t, message));
      return updateThread(state, message.conversationId, (t) => ({
        ...t,
        messages: upsertMessage(t.messages, message),
      }));
    }
    case 'message/status':
      return updateThread(state, action.conversationId, (t) => {
        const at = findMessageIndex(t.messages, action.messageId, action.clientId);
        if (at === -1) return t;
        const current = t.messages[at]!;
        if (!canMoveTo(current.status, current.failure, action.status)) return t;
        const { failure: _old, ...rest } = current;
        const next: Message =
          action.status === 'failed' && action.failure
            ? { ...rest, status: action.status, failure: action.failure, updatedAt: action.at }
            : { ...rest, status: action.status, updatedAt: action.at };
        const messages = t.messages.slice();
        messages[at] = next;
        return { ...t, messages };
      });
    case 'message/retried':
      return updateThread(state, action.conversationId, (t) => {
        const at = findMessageIndex(t.messages, action.clientId, action.clientId);
        const current = t.messages[at];
        if (!current || !canMoveTo(current.status, current.failure, 'queued', { allowRetry: true })) return t;
        const { failure: _old, ...rest } = current;
        const messages = t.messages.slice();
        messages[at] = { ...rest, status: 'queued', updatedAt: action.at };
        return { ...t, messages };
      });
    case 'message/removed':
      return updateThread(state, action.conversationId, (t) => {
        const at = findMessageIndex(t.messages, action.messageId);
        if (at === -1) return t;
        return { ...t, messages: [...t.messages.slice(0, at), ...t.messages.slice(at + 1)] };
      });

    case 'draft/set':
      return {
        ...state,
        drafts: action.draft
          ? { ...state.drafts, [action.key]: action.draft }
          : withoutKey(state.drafts, action.key),
      };
    case 'connection/changed':
      return state.connection === action.state ? state : { ...state, connection: action.state };
    case 'cache/restored':
      return {
        ...state,
        conversations: mergeConversations(state.conversations, action.conversations),
        conversationsCursor:
          state.conversationsStatus === 'idle' ? action.conversationsCursor : state.conversationsCursor,
        drafts: { ...action.drafts, ...state.drafts },
      };
    case 'sync/progress': {
      const { sync } = state;
      const lastEventId =
        action.lastEventId !== undefined && laterEventId(action.lastEventId, sync.lastEventId)
          ? action.lastEventId
          : sync.lastEventId;
      const through =
        action.through !== undefined && (sync.through === null || action.through > sync.through)
          ? action.through
          : sync.through;
      const fresh = (action.notified ?? []).filter((id) => !sync.notified.includes(id));
      const notified = fresh.length ? [...sync.notified, ...fresh].slice(-NOTIFIED_KEPT) : sync.notified;
      if (lastEventId === sync.lastEventId && through === sync.through && notified === sync.notified)
        return state;
      return { ...state, sync: { lastEventId, through, notified } };
    }
    case 'storage/changed':
      return state.storage === action.health ? state : { ...state, storage: action.health };
    case 'jump/loading':
    case 'jump/paging':
    case 'jump/loaded':
    case 'jump/failed':
    case 'jump/target':
    case 'jump/left':
      return updateThread(state, action.conversationId, (t) => reduceJump(t, action));
    case 'reset':
      return initialState;
  }
}
