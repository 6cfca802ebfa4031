import type { Account, OwnNumber } from '../../model/account.js';
import type { Contact } from '../../model/contact.js';
import { isTransportError } from '../errors.js';
import { assert, need, rejectsWith, randomId, pngBytes } from './checks.js';
import type { Suite } from './suite.js';

/** Aborted signals, rate limits, bad input, and answers the caller may change without effect. */
export function robustnessConformance(s: Suite): void {
  const { test, r0, ownNumber, send, listen, createdEvent, conversationOf } = s;

  test('abort: every method honours an aborted signal, and one that fires in flight', async ({
    transport,
  }) => {
    const own = await ownNumber(transport, 'mms');
    const m = await send(transport, 'conformance: abort', [r0], own.number);
    const ids = { conversationId: m.conversationId };
    const signal = AbortSignal.abort();
    const calls: [string, () => Promise<unknown>][] = [
      ['getAccount', () => transport.getAccount({ signal })],
      ['listConversations', () => transport.listConversations({ signal })],
      ['getConversation', () => transport.getConversation({ ...ids, signal })],
      ['findConversation', () => transport.findConversation({ participants: [r0], signal })],
      ['listMessages', () => transport.listMessages({ ...ids, signal })],
      [
        'sendMessage',
        () =>
          transport.sendMessage({
            clientId: randomId(),
            from: own.number,
            to: [r0],
            text: 'x',
            attachmentIds: [],
            signal,
          }),
      ],
      [
        'uploadAttachment',
        () =>
          transport.uploadAttachment({
            file: new Blob([pngBytes()]),
            name: 'dot.png',
            from: own.number,
            signal,
          }),
      ],
      ['deleteMessage', () => transport.deleteMessage({ ...ids, messageId: m.id, signal })],
      ['markRead', () => transport.markRead({ ...ids, signal })],
      ['markUnread', () => transport.markUnread({ ...ids, signal })],
      ['searchContacts', () => transport.searchContacts({ query: '', signal })],
      ['deleteConversation', () => transport.deleteConversation({ ...ids, signal })],
    ];
    for (const [name, call] of calls)
      await rejectsWith(call(), ['aborted'], `${name} with an aborted signal`);
    await conversationOf(transport, m.conversationId); // an aborted delete deleted nothing
    const during = new AbortController();
    const upload = transport.uploadAttachment({
      file: new Blob([pngBytes(256 * 1024)]),
      name: 'dot.png',
      from: own.number,
      signal: during.signal,
      // Bytes are going out: the request has been sent.
      onProgress: () => during.abort(),
    });
    await rejectsWith(upload, ['aborted'], 'an upload aborted while its bytes go out');
  });

  test('errors: a rate-limited request is kind rate-limited with retryAfterMs (hooks.rateLimitNext)', async ({
    transport,
    hooks,
  }) => {
    need(
      hooks?.rateLimitNext,
      'hooks.rateLimitNext is missing (make the backend refuse the next request as rate limited)',
    );
    await transport.getAccount();
    await hooks.rateLimitNext();
    let error: unknown;
    try {
      await transport.listConversations({ limit: 1 });
    } catch (e) {
      error = e;
    }
    assert(
      isTransportError(error),
      `a rate-limited request must reject with a TransportError, got ${String(error)}`,
    );
    assert(
      error.kind === 'rate-limited',
      `a rate-limited request must reject with kind rate-limited, got ${error.kind}`,
    );
    assert(
      typeof error.retryAfterMs === 'number' && error.retryAfterMs > 0,
      `rate-limited errors carry retryAfterMs > 0, got ${String(error.retryAfterMs)}`,
    );
    await transport.listConversations({ limit: 1 });
  });

  test('errors: bad input is refused with the documented kinds and codes', async ({ transport }) => {
    for (const [name, call] of [
      ['getConversation', () => transport.getConversation({ conversationId: 'no-such-conversation' })],
      ['listMessages', () => transport.listMessages({ conversationId: 'no-such-conversation' })],
      ['deleteConversation', () => transport.deleteConversation({ conversationId: 'no-such-conversation' })],
      ['markRead', () => transport.markRead({ conversationId: 'no-such-conversation' })],
      ['markUnread', () => transport.markUnread({ conversationId: 'no-such-conversation' })],
    ] as const) {
      await rejectsWith(call(), ['not-found'], `${name} of an unknown conversation`);
    }
    const own = await ownNumber(transport);
    const m = await send(transport, 'conformance: errors', [r0], own.number);
    await rejectsWith(
      transport.deleteMessage({ conversationId: m.conversationId, messageId: 'no-such-message' }),
      ['not-found'],
      'deleting an unknown message',
    );
    const base = { from: own.number, to: [r0], text: 'x', attachmentIds: [] as string[] };
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), to: ['not a number'] }),
      ['invalid'],
      'a send to something that is not a phone number',
      ['invalid-recipient'],
    );
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), from: '+19995550100' }),
      ['invalid'],
      'a send from a number that is not the account’s',
      ['unknown-number'],
    );
    await rejectsWith(
      transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'dot.png', from: '+19995550100' }),
      ['invalid'],
      'an upload for a number that is not the account’s',
      ['unknown-number'],
    );
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), text: '   ' }),
      ['invalid'],
      'an empty message without attachments',
      ['empty-message'],
    );
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), attachmentIds: ['no-such-attachment'] }),
      ['invalid'],
      'a send with an attachment that was never uploaded',
      ['unknown-attachment'],
    );
  });

  test('copies: answers and events can be changed by the caller without effect', async ({ transport }) => {
    const a = await listen(transport);
    const b = await listen(transport);
    try {
      const m = await send(transport, 'conformance: copy', [r0]);
      await a.until('message.created', (e) => !!createdEvent(e, m.id));
      await b.until('message.created', (e) => !!createdEvent(e, m.id));
      const ea = createdEvent(a.events, m.id)!;
      (ea.message as { text: string }).text = 'changed by a listener';
      assert(
        createdEvent(b.events, m.id)!.message.text === 'conformance: copy',
        'each listener gets its own event object',
      );
      const page = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
      const mine = page.messages.find((x) => x.id === m.id);
      assert(mine, 'the message is listed');
      (mine as { text: string }).text = 'changed by the caller';
      (m as { text: string }).text = 'changed by the caller';
      const c = await transport.getConversation({ conversationId: m.conversationId });
      (c.participants as string[]).push('+12025550149');
      const listed = await transport.listConversations({ limit: 1 });
      (listed.conversations[0]!.participants as string[]).push('+12025550149');
      const again = await transport.listMessages({ conversationId: m.conversationId, limit: 5 });
      assert(
        again.messages.find((x) => x.id === m.id)?.text === 'conformance: copy',
        'changing a returned message changes nothing',
      );
      const c2 = await transport.getConversation({ conversationId: m.conversationId });
      assert(!c2.participants.includes('+12025550149'), 'changing a returned conversation changes nothing');
      const contacts = await transport.searchContacts({ query: '', limit: 1 });
      need(contacts[0], 'the account needs contacts');
      const name = contacts[0].name;
      (contacts[0] as { name: string }).name = 'changed by the caller';
      (contacts[0].numbers as Contact['numbers'][number][]).length = 0;
      const contacts2 = await transport.searchContacts({ query: '', limit: 1 });
      assert(
        contacts2[0]?.name === name && contacts2[0].numbers.length > 0,
        'changing a returned contact changes nothing',
      );
      const account: Account = await transport.getAccount();
      (account.numbers as OwnNumber[]).length = 0;
      assert(
        (await transport.getAccount()).numbers.length > 0,
        'changing the returned account changes nothing',
      );
    } finally {
      a.stop();
      b.stop();
    }
  });
}
