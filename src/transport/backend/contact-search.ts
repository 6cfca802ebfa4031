import type { Contact } from '../../model/contact.js';

/** Lower case without accents, for name search. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The contacts a person typing `query` means, in the address book's order, at most `limit`: a
 * name containing the text (case and accents ignored), or a number containing its digits (3 or
 * more). A blank query gives the first contacts.
 */
export function searchContacts(contacts: readonly Contact[], query: string, limit: number): Contact[] {
  const text = fold(query.trim());
  const digits = query.replace(/\D/g, '');
  const matches = text
    ? contacts.filter(
        (c) =>
          fold(c.name).includes(text) ||
          (digits.length >= 3 && c.numbers.some((n) => n.number.replace(/\D/g, '').includes(digits))),
      )
    : contacts;
  return matches.slice(0, limit);
}
