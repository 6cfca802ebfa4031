import type { CacheWrite, MessagesCache } from '../../cache/cache.js';
import type { Action } from '../actions.js';
import { isProvisionalId } from '../ids.js';
import { isMessageTarget, messageTarget } from '../message-target.js';
import type { MessagesState } from '../state.js';

/**
 * The writes that mirror one state change in the cache. Pure: the state after the action is the
 * source. What lives on this device only (conversations not started yet, their messages) and
 * what was read back from the cache is not written.
 */
export function cacheWrites(action: Action, state: MessagesState): CacheWrite[] {
  const window = (conversationId: string): CacheWrite[] => {
    const t = state.threads[conversationId];
    return t
      ? [{ op: 'put-window', conversationId, olderCursor: t.olderCursor, newerCursor: t.newerCursor }]
      : [];
  };
  switch (action.type) {
    case 'account/loaded':
      return [{ op: 'put-account', account: action.account }];
    case 'conversations/loaded':
      // The stored cursor continues the server's list after the oldest cached chat.
      return action.fromCache
        ? []
        : [
            ...action.page.conversations.map((conversation): CacheWrite => ({
              op: 'put-conversation',
              conversation,
            })),
            { op: 'put-conversations-cursor', cursor: action.page.nextCursor },
          ];
    case 'conversation/upserted':
      return isProvisionalId(action.conversation.id)
        ? []
        : [{ op: 'put-conversation', conversation: action.conversation }];
    case 'conversation/removed':
      return [{ op: 'delete-conversation', conversationId: action.conversationId }];
    case 'conversation/resolved': {
      const t = state.threads[action.conversation.id];
      return [
        { op: 'put-conversation', conversation: action.conversation },
        ...(t ? t.messages.map((message): CacheWrite => ({ op: 'put-message', message })) : []),
        ...window(action.conversation.id),
      ];
    }
    case 'thread/loaded': {
      const writes: CacheWrite[] = [];
      if (action.which === 'latest') {
        // A fresh newest page that does not overlap what was cached leaves a gap: start over.
        writes.push({ op: 'clear-messages', conversationId: action.conversationId });
        const t = state.threads[action.conversationId];
        for (const message of t?.messages ?? []) writes.push({ op: 'put-message', message });
      } else {
        for (const message of action.page.messages) writes.push({ op: 'put-message', message });
      }
      return [...writes, ...window(action.conversationId)];
    }
    case 'jump/loaded': {
      // A window read around a message that reached the newest messages became the thread's
      // window: cached whole, like a newest page, so the cached window stays contiguous. (While
      // it does not reach them, nothing of it is cached.)
      const t = state.threads[action.conversationId];
      const first = action.page.messages[0];
      if (!t || t.jump || !first || !t.messages.some((m) => m.id === first.id)) return [];
      return [
        { op: 'clear-messages', conversationId: action.conversationId },
        ...t.messages.map((message): CacheWrite => ({ op: 'put-message', message })),
        ...window(action.conversationId),
      ];
    }
    case 'message/upserted':
    case 'message/status':
    case 'message/retried': {
      const target = messageTarget(action);
      const { conversationId } = target;
      if (isProvisionalId(conversationId)) return [];
      const m = state.threads[conversationId]?.messages.find((x) => isMessageTarget(x, target));
      if (!m) return [];
      // Acknowledged: the record moves from the client id to the server id.
      const moved: CacheWrite[] =
        m.clientId && m.id !== m.clientId
          ? [{ op: 'delete-message', conversationId, messageId: m.clientId }]
          : [];
      return [
        ...moved,
        action.type === 'message/retried'
          ? { op: 'put-message', message: m, retried: true }
          : { op: 'put-message', message: m },
      ];
    }
    case 'message/removed':
      return [{ op: 'delete-message', conversationId: action.conversationId, messageId: action.messageId }];
    case 'sync/progress':
      return [{ op: 'put-sync', sync: state.sync }];
    case 'draft/set':
      return action.draft
        ? [{ op: 'put-draft', key: action.key, draft: action.draft }]
        : [{ op: 'delete-draft', key: action.key }];
    default:
      return [];
  }
}

/**
 * Follows the cache: its health goes into the store (`storage$`, which `<sms-messages>` shows the
 * person as a notice) and each storage failure to `report` (the client's `error` event, which
 * elements fire as `sms-error`) as `cache.<operation>`. Returns the unsubscribe function.
 */
export function watchCache(
  cache: MessagesCache,
  dispatch: (action: Action) => void,
  report: (operation: string, error: Error) => void,
): () => void {
  const stopHealth = cache.onHealthChange((health) => dispatch({ type: 'storage/changed', health }));
  const stopErrors = cache.onError?.((failure) => report(`cache.${failure.operation}`, failure.error));
  return () => {
    stopHealth();
    stopErrors?.();
  };
}

/** The persist effect: mirrors one state change (already reduced into `state`) in `cache`. */
export function persist(cache: MessagesCache | undefined, action: Action, state: MessagesState): void {
  if (!cache) return;
  const writes = cacheWrites(action, state);
  if (writes.length) cache.write(writes);
}
