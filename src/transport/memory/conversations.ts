// Conversations: pages newest activity first (keyset cursors), read and unread.
import type { Conversation } from '../../model/conversation.js';
import type { ConversationPage, ListConversationsRequest } from '../transport.js';
import { encodeCursor } from '../backend/cursors.js';
import { readKeyset } from '../backend/requests.js';
import { invalid, pageSize } from './state.js';
import type { AccountData, MemoryState } from './state.js';

export function listConversations(
  state: MemoryState,
  data: AccountData,
  request: ListConversationsRequest,
): ConversationPage {
  const limit = pageSize(request.limit, 30, 100);
  let rows = [...data.conversations.values()].map((s) => s.conversation);
  if (request.cursor !== undefined) {
    const [updatedAt, id] = readKeyset(request.cursor, invalid);
    // Keyset: only rows that sort strictly after the last row of the previous page.
    rows = rows.filter((c) => c.updatedAt < updatedAt || (c.updatedAt === updatedAt && c.id > id));
  }
  rows.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page.map((c) => state.conversation(c)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
  };
}

export function setUnread(
  state: MemoryState,
  data: AccountData,
  conversationId: string,
  next: (count: number) => number,
): Conversation {
  const stored = state.stored(data, conversationId);
  const unreadCount = next(stored.conversation.unreadCount);
  if (unreadCount !== stored.conversation.unreadCount) {
    stored.conversation = { ...stored.conversation, unreadCount };
    state.emit(data, {
      type: 'conversation.updated',
      conversation: state.conversation(stored.conversation),
    });
  }
  return state.conversation(stored.conversation);
}
