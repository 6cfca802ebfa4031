import type { Conversation } from '../model/conversation.js';

/**
 * A filter of the conversation list:
 * - `unread`: the chat has unread messages;
 * - `failed`: its latest message is one of ours that failed to send (it needs attention);
 * - `opted-out`: someone in it replied STOP (and has not opted in again).
 */
export type ConversationFilter = 'unread' | 'failed' | 'opted-out';

/** Every filter, in the order the chips show them. */
export const CONVERSATION_FILTERS: readonly ConversationFilter[] = ['unread', 'failed', 'opted-out'];

/** Whether a conversation passes one filter. */
export function matchesFilter(conversation: Conversation, filter: ConversationFilter): boolean {
  switch (filter) {
    case 'unread':
      return conversation.unreadCount > 0;
    case 'failed': {
      const last = conversation.lastMessage;
      return !!last && last.direction === 'outbound' && last.status === 'failed';
    }
    case 'opted-out':
      return (conversation.optedOut?.length ?? 0) > 0;
  }
}

/** Whether a conversation passes every filter (filters combine: Unread and Failed is both). */
export function matchesFilters(conversation: Conversation, filters: readonly ConversationFilter[]): boolean {
  return filters.every((f) => matchesFilter(conversation, f));
}
