import type { Message } from '../model/message.js';

/**
 * What `searchMessages` matches (see `docs/transport.md#searching-messages`), shared by the memory
 * backend and the reference server so both answer the same query the same way:
 *
 * - Text is folded: lower case, accents dropped ("Dirección" → "direccion"), split into words at
 *   every character that is not a letter or a digit.
 * - A **word query** matches a message when every query word starts a word of its text
 *   ("dir cal" finds "Dirección: Calle Mayor"; "ección" does not).
 * - A **number query** — only digits, spaces and `+ - ( ) .`, with at least three digits —
 *   matches a message when its digits occur in the digits of the sender, of a recipient, or of a
 *   number written in the text ("555-0143", "(202) 555 0143" and "+12025550143" all find
 *   messages to and from +1 202-555-0143).
 */
export type ParsedSearchQuery =
  | { readonly kind: 'words'; readonly words: readonly string[] }
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'empty' };

/** Longest query looked at; the rest is ignored. */
export const MAX_SEARCH_QUERY = 200;
const NUMBER_QUERY = /^[\d\s+().-]+$/;
/** A number written in text: digits with at most two punctuation characters between them. */
const NUMBER_IN_TEXT = /\d(?:[\s().-]{0,2}\d)*/g;

/** Lower case without accents. */
export function foldSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a text. */
export function searchWords(text: string): string[] {
  return foldSearchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Reads a query as words, a number, or nothing to look for. */
export function parseSearchQuery(query: unknown): ParsedSearchQuery {
  const text = typeof query === 'string' ? query.slice(0, MAX_SEARCH_QUERY).trim() : '';
  const digits = text.replace(/\D/g, '');
  if (NUMBER_QUERY.test(text) && digits.length >= 3) return { kind: 'number', digits };
  const words = searchWords(text);
  return words.length ? { kind: 'words', words } : { kind: 'empty' };
}

/** The digit strings (three digits or more) a number query is looked for in. */
export function messageNumbers(message: Pick<Message, 'from' | 'to' | 'text'>): string[] {
  const found = [message.from, ...message.to, ...(message.text.match(NUMBER_IN_TEXT) ?? [])]
    .map((n) => n.replace(/\D/g, ''))
    .filter((d) => d.length >= 3);
  return [...new Set(found)];
}

/** Every ending (three digits or more) of the message's numbers: a digit query is a prefix of one. */
export function messageNumberSuffixes(message: Pick<Message, 'from' | 'to' | 'text'>): string[] {
  const out = new Set<string>();
  for (const d of messageNumbers(message)) for (let i = 0; i <= d.length - 3; i++) out.add(d.slice(i));
  return [...out];
}

/** What a query is matched against: a message's folded words and its numbers' digits. */
export interface SearchKeys {
  readonly words: readonly string[];
  readonly numbers: readonly string[];
}

/** The {@link SearchKeys} of a message (worth keeping while the message's text is unchanged). */
export function searchKeys(message: Pick<Message, 'from' | 'to' | 'text'>): SearchKeys {
  return { words: searchWords(message.text), numbers: messageNumbers(message) };
}

/** Whether a message (or its {@link SearchKeys}) matches a parsed query. */
export function matchesSearch(
  message: Pick<Message, 'from' | 'to' | 'text'> | SearchKeys,
  query: ParsedSearchQuery,
): boolean {
  if (query.kind === 'empty') return false;
  const keys = 'words' in message ? message : searchKeys(message);
  if (query.kind === 'number') return keys.numbers.some((d) => d.includes(query.digits));
  return query.words.every((q) => keys.words.some((w) => w.startsWith(q)));
}
