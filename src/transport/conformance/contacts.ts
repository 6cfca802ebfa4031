import { isE164 } from '../../rules/e164.js';
import { assert, need, withAccents, fold } from './checks.js';
import type { Suite } from './suite.js';

/** Contact search. */
export function contactsConformance(s: Suite): void {
  const { test } = s;

  test('contacts: search by name ignoring case and accents, by digits, within the limit', async ({
    transport,
  }) => {
    const firstFive = await transport.searchContacts({ query: '', limit: 5 });
    assert(Array.isArray(firstFive), 'searchContacts answers a list');
    need(
      firstFive.length > 0,
      'the account needs contacts (an empty query found none; it must list the first contacts)',
    );
    assert(firstFive.length <= 5, `an empty query lists at most limit (5) contacts, got ${firstFive.length}`);
    const one = await transport.searchContacts({ query: '', limit: 1 });
    assert(one.length === 1, `limit 1 gives one contact, got ${one.length}`);
    for (const c of firstFive) {
      assert(typeof c.id === 'string' && typeof c.name === 'string', 'a contact has an id and a name');
      assert(Array.isArray(c.numbers), 'contact.numbers is a list');
      for (const n of c.numbers) assert(isE164(n.number), `contact number ${n.number} must be E.164`);
    }
    // Three letters in a row from a contact's name ("Mar" of "María López").
    const runOf = (name: string) => /\p{L}{3}/u.exec(name.normalize('NFC'))?.[0];
    const contact = firstFive.find((c) => runOf(c.name) && c.numbers.length > 0);
    need(
      contact,
      'the account needs a contact with a number and three letters in a row in its name, among the first five',
    );
    const part = runOf(contact.name)!;
    const found = async (query: string, why: string) => {
      const result = await transport.searchContacts({ query, limit: 100 });
      assert(
        result.some((c) => c.id === contact.id),
        `searching "${query}" must find ${contact.name} (${why})`,
      );
    };
    await found(part.toUpperCase(), 'part of the name, in another case');
    await found(withAccents(fold(part)), 'part of the name with accents added: accents are ignored');
    const accented = firstFive.find((c) => fold(c.name) !== c.name.toLowerCase() && c.numbers.length > 0);
    if (accented) {
      // The other direction, when a name has accents: typed without them.
      const plain = fold(accented.name).split(/\s+/)[0]!;
      const result = await transport.searchContacts({ query: plain, limit: 100 });
      assert(
        result.some((c) => c.id === accented.id),
        `searching "${plain}" must find ${accented.name}`,
      );
    }
    const digits = contact.numbers[0]!.number.replace(/\D/g, '');
    const formatted = `(${digits.slice(-10, -7)}) ${digits.slice(-7, -4)}-${digits.slice(-4)}`;
    await found(formatted, 'digits of the number, typed with punctuation');
    const none = await transport.searchContacts({ query: 'zzqxj no such name', limit: 100 });
    assert(none.length === 0, `a query that matches nothing finds nothing, got ${none.length} contacts`);
  });
}
