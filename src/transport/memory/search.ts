// Contact search and message search (the query rules of ../search-match.ts), newest first.
import type { Contact } from '../../model/contact.js';
import type { Message } from '../../model/message.js';
import { matchesSearch, parseSearchQuery, searchKeys } from '../search-match.js';
import type { MessageSearchPage, SearchContactsRequest, SearchMessagesRequest } from '../transport.js';
import { searchContacts } from '../backend/contact-search.js';
import { encodeCursor } from '../backend/cursors.js';
import { readKeyset } from '../backend/requests.js';
import { invalid, pageSize } from './state.js';
import type { AccountData, MemoryState } from './state.js';

export function findContacts(data: AccountData, request: SearchContactsRequest): Contact[] {
  const limit = pageSize(request.limit, 20, 100);
  const query = typeof request.query === 'string' ? request.query : '';
  return structuredClone(searchContacts(data.contacts, query, limit));
}

/** Every message of the account that matches, newest first; keyset cursor on (createdAt, id). */
export function findMessages(
  state: MemoryState,
  data: AccountData,
  request: SearchMessagesRequest,
): MessageSearchPage {
  const limit = pageSize(request.limit, 20, 100);
  const query = parseSearchQuery(request.query);
  const after = request.cursor !== undefined ? readKeyset(request.cursor, invalid) : undefined;
  const found: Message[] = [];
  if (query.kind !== 'empty') {
    for (const stored of data.conversations.values()) {
      for (const { message: m } of state.messages(stored)) {
        if (after && (m.createdAt > after[0] || (m.createdAt === after[0] && m.id >= after[1]))) continue;
        let keys = state.searchKeys.get(m);
        if (!keys) state.searchKeys.set(m, (keys = searchKeys(m)));
        if (matchesSearch(keys, query)) found.push(m);
      }
    }
  }
  found.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    results: page.map((m) => ({ conversationId: m.conversationId, message: state.message(m) })),
    nextCursor: found.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
