import type { Message } from '../../model/message.js';
import { assert, need, rejectsWith, sleep, nonsense } from './checks.js';
import type { Suite } from './suite.js';

/** The optional message search: matching, paging, isolation between accounts. */
export function searchConformance(s: Suite): void {
  const { test, r3, send, searchAll } = s;

  test('search: messages by word prefixes and digits, case and accents folded, newest first, in pages', async ({
    transport,
  }) => {
    if (transport.searchMessages === undefined) return; // optional: the client searches its cache only
    assert(typeof transport.searchMessages === 'function', 'searchMessages, when present, must be a method');
    const tag = `zq${nonsense(6)}`;
    const Tag = tag[0]!.toUpperCase() + tag.slice(1);
    const last4 = String(1000 + Math.floor(Math.random() * 9000));
    const texts = [
      `Nueva DIRECCIÓN ${Tag}: Calle Mayor`,
      `la direccion ${tag}alfa, por favor`,
      `${tag.toUpperCase()} nothing else`,
      `Call me on (415) 555-${last4} about it`,
    ];
    const sent: Message[] = [];
    for (const text of texts) {
      sent.push(await send(transport, text, [r3]));
      await sleep(5); // distinct createdAt, for "newest first"
    }
    const [a, b, c, d] = sent as [Message, Message, Message, Message];
    const ids = async (query: string, limit?: number) =>
      (await searchAll(transport, query, limit)).map((r) => r.message.id).join();
    const expect = async (query: string, want: readonly Message[], what: string, limit?: number) => {
      const got = await ids(query, limit);
      assert(
        got === want.map((m) => m.id).join(),
        `searching "${query}" ${what}: want ${JSON.stringify(want.map((m) => m.text))}, got ids ${got || 'none'}`,
      );
    };
    await expect(tag, [c, b, a], 'finds every message with a word starting so, newest first');
    await expect(tag.slice(0, 5), [c, b, a], 'matches the start of words');
    await expect(tag.slice(2), [], 'matches only the start of words, not the middle');
    await expect(`direccion ${tag}`, [b, a], 'folds accents ("direccion" finds "DIRECCIÓN")');
    await expect(`DIRECCIÓN ${Tag}`, [b, a], 'folds case and accents of the query too');
    await expect(`${tag} mayor`, [a], 'needs every word of the query');
    await expect(`dire ${tag.slice(0, 4).toUpperCase()}`, [b, a], 'matches prefixes of several words');
    await expect(tag, [c, b, a], 'pages by the cursor with no repeat or gap', 2);
    const first = await transport.searchMessages({ query: tag, limit: 2 });
    assert(
      first.results.length === 2 && typeof first.nextCursor === 'string',
      `the first page of 3 results with limit 2 has 2 results and a cursor, got ${first.results.length}`,
    );
    const written = await searchAll(transport, `415555${last4}`);
    assert(
      written.some((r) => r.message.id === d.id),
      'digits find a number written in the text with punctuation ("(415) 555-1234" by "4155551234")',
    );
    const spaced = await searchAll(transport, `555 ${last4}`);
    assert(
      spaced.some((r) => r.message.id === d.id),
      'a number query with spaces finds it too ("555 1234")',
    );
    const digits = r3.replace(/\D/g, '').slice(-10);
    const national = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    const byNumber = await searchAll(transport, national);
    for (const m of sent)
      assert(
        byNumber.some((r) => r.message.id === m.id),
        `"${national}" finds the messages sent to ${r3} (a recipient's digits)`,
      );
    for (const r of byNumber) {
      const hay = [r.message.from, ...r.message.to, r.message.text].map((x) => x.replace(/\D/g, ''));
      assert(
        hay.some((x) => x.includes(digits)),
        `"${national}" found a message that has not those digits in its numbers: ${JSON.stringify(r.message.text)}`,
      );
    }
    const empty = await transport.searchMessages({ query: '  ' });
    assert(
      empty.results.length === 0 && empty.nextCursor === null,
      'a query with nothing to look for answers an empty page with a null cursor',
    );
    await transport.deleteMessage({ conversationId: c.conversationId, messageId: c.id });
    await expect(tag, [b, a], 'does not find a deleted message');
    await rejectsWith(
      transport.searchMessages({ query: tag, cursor: 'not a cursor' }),
      ['invalid'],
      'a search cursor the backend never gave',
      ['bad-cursor'],
    );
    await rejectsWith(
      transport.searchMessages({ query: tag, signal: AbortSignal.abort() }),
      ['aborted'],
      'searchMessages with an aborted signal',
    );
  });

  test('search: another account never finds this account’s messages (hooks.connectOtherAccount)', async ({
    transport,
    hooks,
  }) => {
    if (transport.searchMessages === undefined) return; // optional capability
    const tag = `zq${nonsense(6)}`;
    const mine = await send(transport, `private ${tag}`, [r3]);
    need(
      hooks?.connectOtherAccount,
      'hooks.connectOtherAccount is missing (give a transport signed in to another account of the ' +
        'same backend: search must never cross accounts)',
    );
    const other = await hooks.connectOtherAccount();
    need(other.searchMessages, 'the other account’s transport needs searchMessages too');
    const own = await searchAll(transport, tag);
    assert(
      own.some((r) => r.message.id === mine.id),
      'the account finds its own message',
    );
    const theirs = await searchAll(other, tag);
    assert(theirs.length === 0, `another account found ${theirs.length} of this account’s messages`);
  });
}
