import type { Conversation } from '../model/conversation.js';
import type { Message } from '../model/message.js';
import { messageKey } from '../store/state.js';
import { messageNumbers, searchWords } from '../transport/search-match.js';
import type { ParsedSearchQuery } from '../transport/search-match.js';

/**
 * One message as the local index keeps it: what a result shows, and its search keys already
 * folded (so a query never folds text again).
 */
export interface MessageDoc {
  /** `conversationId + "\u0000" + messageKey(message)`: stable from local echo to acknowledgement. */
  readonly key: string;
  readonly conversationId: string;
  /** The message id (the client id until the server acknowledges it). */
  readonly messageId: string;
  readonly createdAt: number;
  readonly direction: Message['direction'];
  readonly from: string;
  /** Untrusted; rendered as text. */
  readonly text: string;
  /** How many attachments the message has. */
  readonly attachments: number;
  /** The folded words, each preceded by a space: `" direccion calle mayor"`. */
  readonly words: string;
  /** The digits of its numbers (sender, recipients, numbers in the text) between bars: `"|12025550143|"`. */
  readonly numbers: string;
}

/** One conversation as the local index keeps it. */
export interface ConversationDoc {
  readonly id: string;
  readonly title?: string;
  readonly participants: readonly string[];
  readonly names: Readonly<Record<string, string>>;
  readonly ownNumber: string;
  readonly updatedAt: number;
  /** When it was last opened here (eviction order, like the cache's); 0 when never. */
  readonly viewedAt: number;
  /** Whether what the cache held of it was read into the index (back-fill; see `SearchIndex`). */
  readonly filled?: boolean;
  /** Folded words of the title and the names, each preceded by a space. */
  readonly words: string;
  /** The participants' digits between bars. */
  readonly numbers: string;
}

export const KEY_SEPARATOR = '\u0000';

/** The index key of a message. */
export function messageDocKey(conversationId: string, message: Pick<Message, 'id' | 'clientId'>): string {
  return `${conversationId}${KEY_SEPARATOR}${messageKey(message)}`;
}

/** The folded words of a text in the form {@link matchesDoc} reads. */
export function wordField(text: string): string {
  const words = [...new Set(searchWords(text))];
  return words.length ? ` ${words.join(' ')}` : '';
}

function numberField(digits: readonly string[]): string {
  return digits.length ? `|${digits.join('|')}|` : '';
}

/** The {@link MessageDoc} of a message. */
export function messageDoc(message: Message): MessageDoc {
  return {
    key: messageDocKey(message.conversationId, message),
    conversationId: message.conversationId,
    messageId: message.id,
    createdAt: message.createdAt,
    direction: message.direction,
    from: message.from,
    text: message.text,
    attachments: message.attachments.length,
    words: wordField(message.text),
    numbers: numberField(messageNumbers(message)),
  };
}

/** The {@link ConversationDoc} of a conversation (keeping when it was last viewed). */
export function conversationDoc(conversation: Conversation, viewedAt = 0): ConversationDoc {
  const names: Record<string, string> = {};
  for (const n of conversation.participants) {
    const name = conversation.names?.[n];
    if (typeof name === 'string' && name.trim()) names[n] = name.trim();
  }
  return {
    id: conversation.id,
    ...(conversation.title ? { title: conversation.title } : {}),
    participants: [...conversation.participants],
    names,
    ownNumber: conversation.ownNumber,
    updatedAt: conversation.updatedAt,
    viewedAt,
    words: wordField([conversation.title ?? '', ...Object.values(names)].join(' ')),
    numbers: numberField(conversation.participants.map((n) => n.replace(/\D/g, ''))),
  };
}

/** The fields {@link matchesDoc} reads. */
export interface SearchFields {
  readonly words: string;
  readonly numbers: string;
}

/**
 * {@link matchesDoc} for one query, made once for a scan of many documents: the strings looked
 * for are built once, not once per document.
 */
export function docMatcher(query: ParsedSearchQuery): (doc: SearchFields) => boolean {
  if (query.kind === 'empty') return () => false;
  if (query.kind === 'number') {
    const digits = query.digits;
    return (doc) => doc.numbers.includes(digits);
  }
  const needles = query.words.map((w) => ` ${w}`);
  if (needles.length === 1) {
    const needle = needles[0]!;
    return (doc) => doc.words.includes(needle);
  }
  return (doc) => {
    for (const needle of needles) if (!doc.words.includes(needle)) return false;
    return true;
  };
}

/**
 * Whether a document's fields match a parsed query, by the rules of `search-match.ts`: every
 * query word starts one of its words; a number query's digits occur in one of its numbers.
 */
export function matchesDoc(
  doc: { readonly words: string; readonly numbers: string },
  query: ParsedSearchQuery,
): boolean {
  if (query.kind === 'empty') return false;
  if (query.kind === 'number') return doc.numbers.includes(query.digits);
  for (const w of query.words) if (!doc.words.includes(` ${w}`)) return false;
  return true;
}
