import type { Conversation } from '../model/conversation.js';
import { parseSearchQuery } from '../transport/search-match.js';
import { conversationDoc, matchesDoc, messageDoc } from './search-doc.js';
import type { SearchIndex } from './search-index.js';

/**
 * The test a conversation list's `match` takes for a search query (see
 * `<sms-conversation-list>.match`): a conversation passes when the index finds it (a message of
 * it, its title, names or numbers), or when its own details or newest message match (a chat the
 * index has not seen yet). `undefined` for an empty query: the list is not narrowed.
 */
export function conversationMatcher(
  index: SearchIndex,
  query: string,
): ((conversation: Conversation) => boolean) | undefined {
  const parsed = parseSearchQuery(query);
  if (parsed.kind === 'empty') return undefined;
  const found = index.conversationsMatching(query);
  return (c) =>
    found.has(c.id) ||
    // Folding costs: only for a chat the index does not know (it holds the others' newest message).
    (!index.conversation(c.id) &&
      (matchesDoc(conversationDoc(c), parsed) ||
        (!!c.lastMessage && matchesDoc(messageDoc(c.lastMessage), parsed))));
}
