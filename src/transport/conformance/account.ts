import type { OwnNumber } from '../../model/account.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message } from '../../model/message.js';
import { isE164 } from '../../rules/e164.js';
import { assert, need, rejectsWith, sleep, checkConversation, checkPolicy } from './checks.js';
import type { Suite } from './suite.js';

/** The account and its conversations: numbers and policies, paging, finding by participants. */
export function accountConformance(s: Suite): void {
  const { test, r0, r1, r2, r3, r4, ownNumbers, send, pageAll, conversationOf } = s;

  test('account: E.164 numbers of known kinds, valid policies, a fresh copy each time', async ({
    transport,
  }) => {
    const account = await transport.getAccount();
    assert(typeof account.id === 'string' && account.id, 'account.id must be a non-empty string');
    assert(typeof account.userId === 'string', 'account.userId must be a string');
    assert(typeof account.name === 'string', 'account.name must be a string');
    assert(
      /^[A-Z]{2}$/.test(account.country),
      `account.country must be ISO 3166 alpha-2, got ${account.country}`,
    );
    assert(Array.isArray(account.numbers), 'account.numbers must be an array');
    for (const n of account.numbers) {
      assert(isE164(n.number), `own number ${n.number} must be E.164`);
      assert(['local', 'toll-free', 'short-code'].includes(n.kind), `unknown number kind ${n.kind}`);
      for (const c of ['sms', 'mms', 'group'] as const) {
        assert(
          typeof n.capabilities?.[c] === 'boolean',
          `capabilities.${c} of ${n.number} must be a boolean`,
        );
      }
      checkPolicy(n);
    }
    const numbers = account.numbers.map((n) => n.number).join();
    (account as { name: string }).name = 'changed by the caller';
    (account.numbers as OwnNumber[]).pop();
    const again = await transport.getAccount();
    assert(
      again.name !== 'changed by the caller' && again.numbers.map((n) => n.number).join() === numbers,
      'getAccount must answer a copy: changing the returned account changed the next answer',
    );
  });

  test('conversations: newest first, within the limit, a null cursor on the last page', async ({
    transport,
  }) => {
    // At least three conversations, so a limit of 2 needs a second page.
    for (const r of [r0, r1, r2]) await send(transport, `conformance: paging ${r}`, [r]);
    const first = await transport.listConversations({ limit: 2 });
    assert(
      first.conversations.length === 2,
      `a first page with limit 2 holds 2 conversations when there are more, got ${first.conversations.length}`,
    );
    assert(first.nextCursor !== null, 'a page followed by more conversations has a nextCursor');
    const all = await pageAll(transport, 5);
    const seen = new Set<string>();
    let previous = Infinity;
    for (const c of all) {
      checkConversation(c, `listed conversation ${c.id}`);
      assert(!seen.has(c.id), `conversation ${c.id} listed twice`);
      seen.add(c.id);
      assert(c.updatedAt <= previous, 'conversations must be in order of newest activity first');
      previous = c.updatedAt;
    }
    const byDefault = await transport.listConversations();
    assert(
      byDefault.conversations.length <= 30 && byDefault.conversations.length >= Math.min(all.length, 1),
      'without a limit, a page holds at most 30 conversations',
    );
    const bad = transport.listConversations({ cursor: 'not a cursor', limit: 2 });
    await rejectsWith(bad, ['invalid'], 'a cursor the backend never gave', ['bad-cursor']);
  });

  test('conversations: cursors stay stable when conversations move to the top between pages', async ({
    transport,
  }) => {
    // Four conversations of our own, newest first: r3, r2, r1, r0.
    const sent: Message[] = [];
    for (const r of [r0, r1, r2, r3]) {
      sent.push(await send(transport, `conformance: cursor ${r}`, [r]));
      await sleep(2); // distinct activity times, also for backends that keep whole milliseconds
    }
    const [c0, c1, c2, c3] = sent.map((m) => m.conversationId) as [string, string, string, string];
    const first = await transport.listConversations({ limit: 2 });
    assert(
      first.conversations.map((c) => c.id).join() === [c3, c2].join(),
      'the first page holds the two conversations texted last, newest first',
    );
    assert(first.nextCursor, 'there is a next page');
    // Between the two page requests, a conversation of a later page and the cursor's own row move to the top.
    await send(transport, 'conformance: cursor moves up', [r0]);
    await sleep(2);
    await send(transport, 'conformance: cursor moves up', [r2]);
    const rest: Conversation[] = [];
    let cursor: string | null = first.nextCursor;
    for (let guard = 0; cursor && rest.length < 4 && guard < 100; guard++) {
      const page: { conversations: readonly Conversation[]; nextCursor: string | null } =
        await transport.listConversations({ cursor, limit: 2 });
      rest.push(...page.conversations);
      cursor = page.nextCursor;
    }
    const firstIds = new Set(first.conversations.map((c) => c.id));
    const repeated = rest.find((c) => firstIds.has(c.id));
    assert(!repeated, `the next page repeats ${repeated?.id} after conversations moved to the top`);
    assert(
      rest[0]?.id === c1,
      `the next page must continue with the conversation after the cursor (${c1}), got ${rest[0]?.id}`,
    );
    assert(
      !rest.some((c) => c.id === c0),
      'a conversation that moved above the cursor is not on later pages',
    );
  });

  test('conversations: found by exactly their participants and own number, fetched by id', async ({
    transport,
  }) => {
    const numbers = await ownNumbers(transport);
    need(numbers.length >= 2, 'the account needs two texting numbers that are not toll-free');
    const [a, b] = numbers as [OwnNumber, OwnNumber];
    need(a.capabilities.group, `the account needs a number that can send group texts`);
    const fromA = await send(transport, 'conformance: find from a', [r0], a.number);
    const fromB = await send(transport, 'conformance: find from b', [r0], b.number);
    const group = await send(transport, 'conformance: find group', [r0, r1], a.number);
    assert(fromA.conversationId !== fromB.conversationId, 'each own number has its own conversation');
    const foundA = await transport.findConversation({ participants: [r0], from: a.number });
    assert(
      foundA?.id === fromA.conversationId,
      'findConversation with `from` finds that number’s conversation',
    );
    checkConversation(foundA, 'findConversation');
    assert(foundA.ownNumber === a.number, 'the conversation texts from the own number');
    const foundB = await transport.findConversation({ participants: [r0], from: b.number });
    assert(
      foundB?.id === fromB.conversationId,
      'findConversation must honour `from`: the same person from another own number is another conversation',
    );
    const any = await transport.findConversation({ participants: [r0] });
    assert(
      any !== null && [fromA.conversationId, fromB.conversationId].includes(any.id),
      'findConversation without `from` finds the conversation from any own number',
    );
    const foundGroup = await transport.findConversation({ participants: [r1, r0], from: a.number });
    assert(foundGroup?.id === group.conversationId, 'findConversation matches participants in any order');
    const none = await transport.findConversation({ participants: [r0, r4], from: a.number });
    assert(none === null, 'findConversation matches exactly these participants: no group with them exists');
    const fetched = await conversationOf(transport, group.conversationId);
    assert(fetched.id === group.conversationId, 'getConversation returns the conversation asked for');
    assert(
      [...fetched.participants].sort().join() === [r0, r1].sort().join(),
      'a group conversation lists the other people',
    );
  });
}
