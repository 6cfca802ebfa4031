import { parseSearchQuery, searchWords } from '../transport/search-match.js';
import type { ParsedSearchQuery } from '../transport/search-match.js';
import type { IndexContents } from './index-contents.js';
import { docMatcher } from './search-doc.js';
import type { ConversationDoc, MessageDoc, SearchFields } from './search-doc.js';

/** A person found by name or number: a participant of a cached conversation. */
export interface PersonHit {
  /** E.164. */
  readonly number: string;
  /** The name the address book gives, if any; untrusted, render as text. */
  readonly name?: string;
  /** The newest conversation with this person alone, if there is one. */
  readonly conversationId?: string;
  /** Latest activity with them (ms), for the order. */
  readonly updatedAt: number;
}

/** What {@link SearchIndex.search} answers; every group newest first. */
export interface LocalSearchPage {
  readonly query: ParsedSearchQuery;
  readonly people: readonly PersonHit[];
  readonly conversations: readonly ConversationDoc[];
  readonly messages: readonly MessageDoc[];
  /** Whether more messages match than were returned. */
  readonly moreMessages: boolean;
}

/** Options of {@link SearchIndex.search}. */
export interface LocalSearchOptions {
  /** Most messages returned (default 20). */
  readonly limit?: number;
  /** Most people and most conversations returned (default 5 each). */
  readonly groupLimit?: number;
}

/**
 * Searches what the index holds: people (participants by name or number), conversations
 * (groups and titled chats by title, names or numbers) and messages, each newest first.
 */
export function searchContents(
  contents: IndexContents,
  query: string,
  options: LocalSearchOptions = {},
): LocalSearchPage {
  const parsed = parseSearchQuery(query);
  const limit = Math.max(1, options.limit ?? 20);
  const groupLimit = Math.max(0, options.groupLimit ?? 5);
  if (parsed.kind === 'empty')
    return { query: parsed, people: [], conversations: [], messages: [], moreMessages: false };
  const messages: MessageDoc[] = [];
  let moreMessages = false;
  const matches = docMatcher(parsed);
  contents.docs.newestFirst((doc) => {
    if (!matches(doc)) return true;
    if (messages.length === limit) {
      moreMessages = true;
      return false;
    }
    messages.push(doc);
    return true;
  });
  const { people, conversations } = searchConversations(contents.byTime, matches, groupLimit);
  return { query: parsed, people, conversations, messages, moreMessages };
}

/**
 * The conversations a query finds: those with a matching message in the index, or whose
 * title, names or numbers match. A full scan.
 */
export function conversationsMatching(contents: IndexContents, query: string): ReadonlySet<string> {
  const parsed = parseSearchQuery(query);
  const ids = new Set<string>();
  if (parsed.kind === 'empty') return ids;
  const matches = docMatcher(parsed);
  contents.docs.newestFirst((doc) => {
    if (!ids.has(doc.conversationId) && matches(doc)) ids.add(doc.conversationId);
  });
  for (const c of contents.conversations.values()) if (matches(c)) ids.add(c.id);
  return ids;
}

function searchConversations(
  byTime: readonly ConversationDoc[],
  matches: (doc: SearchFields) => boolean,
  limit: number,
): { people: PersonHit[]; conversations: ConversationDoc[] } {
  const people = new Map<string, PersonHit>();
  const conversations: ConversationDoc[] = [];
  for (const c of byTime) {
    let any = false;
    for (const person of peopleOf(c)) {
      if (!matches(person)) continue;
      const { number, name } = person;
      any = true;
      const known = people.get(number);
      const alone = c.participants.length === 1 ? c.id : undefined;
      if (!known) {
        people.set(number, {
          number,
          ...(name ? { name } : {}),
          ...(alone ? { conversationId: alone } : {}),
          updatedAt: c.updatedAt,
        });
      } else if ((!known.name && name) || (!known.conversationId && alone)) {
        people.set(number, {
          ...known,
          ...(!known.name && name ? { name } : {}),
          ...(!known.conversationId && alone ? { conversationId: alone } : {}),
        });
      }
    }
    // One-to-one chats are reached through their person; groups and titled chats are listed.
    const listed = c.participants.length > 1 || c.title !== undefined;
    if (listed && (any || matches(c)) && conversations.length < limit) conversations.push(c);
  }
  return { people: [...people.values()].slice(0, limit), conversations };
}

const nameWords = new Map<string, string>();

/** A participant of a conversation doc, with the fields a query is matched against. */
interface PersonFields extends SearchFields {
  readonly number: string;
  readonly name: string | undefined;
}

const personFields = new WeakMap<ConversationDoc, readonly PersonFields[]>();

/** The participants of a conversation doc as search fields, made once per doc (docs are replaced, never changed). */
function peopleOf(c: ConversationDoc): readonly PersonFields[] {
  let out = personFields.get(c);
  if (!out) {
    out = c.participants.map((number) => {
      const name = c.names[number];
      return {
        number,
        name,
        words: name ? ` ${searchWordsOf(name)}` : '',
        numbers: `|${number.replace(/\D/g, '')}|`,
      };
    });
    personFields.set(c, out);
  }
  return out;
}

/** The folded words of a name, remembered (names repeat across conversations and searches). */
function searchWordsOf(name: string): string {
  let words = nameWords.get(name);
  if (words === undefined) {
    words = searchWords(name).join(' ');
    if (nameWords.size > 5000) nameWords.clear();
    nameWords.set(name, words);
  }
  return words;
}
