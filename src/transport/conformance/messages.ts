import type { Message } from '../../model/message.js';
import { assert, need, rejectsWith, randomId, pngBytes, checkMessage } from './checks.js';
import type { Suite } from './suite.js';

/** Sending and reading messages: the echo, idempotency, paging both ways and around a message, the toll-free rule. */
export function messagesConformance(s: Suite): void {
  const { test, r0, r1, r2, r3, ownNumber, send, conversationOf } = s;

  test('send: creates or reuses the conversation, echoes the message, moves it to the top', async ({
    transport,
  }) => {
    const own = await ownNumber(transport);
    const clientId = randomId();
    const before = Date.now();
    const message = await transport.sendMessage({
      clientId,
      from: own.number,
      to: [r0],
      text: 'conformance: hello 👋',
      attachmentIds: [],
    });
    checkMessage(message, 'the sent message');
    assert(message.clientId === clientId, 'the message must echo its client id');
    assert(message.direction === 'outbound', 'a sent message is outbound');
    assert(message.from === own.number, 'the message is from the own number');
    assert(message.to.length === 1 && message.to[0] === r0, 'the message is to the recipient');
    assert(message.text === 'conformance: hello 👋', 'the message keeps its text');
    assert(message.createdAt >= before - 60_000, 'createdAt is the time of the send');
    const fetched = await conversationOf(transport, message.conversationId);
    assert(fetched.lastMessage?.id === message.id, 'lastMessage is the message just sent, as a Message');
    assert(
      fetched.participants.length === 1 && fetched.participants[0] === r0,
      'participants are the recipients',
    );
    const first = await transport.listConversations({ limit: 1 });
    assert(
      first.conversations[0]?.id === message.conversationId,
      'the conversation moves to the top of the list',
    );
    const second = await send(transport, 'conformance: again', [r0], own.number);
    assert(second.conversationId === message.conversationId, 'a second send reuses the conversation');
    const page = await transport.listMessages({ conversationId: message.conversationId, limit: 2 });
    assert(
      page.messages.map((m) => m.id).join() === [message.id, second.id].join(),
      'both messages are in the conversation, oldest first',
    );
  });

  test('send: idempotent by client id', async ({ transport }) => {
    const clientId = randomId();
    const first = await send(transport, 'conformance: once', [r0], undefined, clientId);
    const second = await send(transport, 'conformance: once', [r0], undefined, clientId);
    assert(first.id === second.id, 'the same client id must return the same message');
    assert(second.clientId === clientId, 'the replayed message echoes the client id');
    const page = await transport.listMessages({ conversationId: first.conversationId, limit: 50 });
    const copies = page.messages.filter((m) => m.clientId === clientId);
    assert(copies.length === 1, `one message per client id, found ${copies.length}`);
  });

  test('messages: oldest first in both directions, cursors valid while messages arrive', async ({
    transport,
  }) => {
    const sent: Message[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send(transport, `conformance: page ${i}`, [r1]));
    const conversationId = sent[0]!.conversationId;
    const newest = await transport.listMessages({ conversationId, limit: 3 });
    newest.messages.forEach((m) => checkMessage(m, 'a listed message'));
    assert(
      newest.messages.length === 3,
      `the newest page has the requested size 3, got ${newest.messages.length}`,
    );
    const ids = newest.messages.map((m) => m.id);
    assert(
      ids.join() ===
        sent
          .slice(2)
          .map((m) => m.id)
          .join(),
      'the newest page holds the newest messages, oldest first',
    );
    assert(newest.hasNewer === false, 'nothing is newer than the newest page');
    assert(typeof newest.newerCursor === 'string', 'newerCursor is always a string');
    assert(typeof newest.olderCursor === 'string', 'olderCursor is a string when older messages exist');
    // A message arrives; the older cursor must still lead to the messages just before the page.
    const later = await send(transport, 'conformance: after', [r1]);
    const older = await transport.listMessages({ conversationId, before: newest.olderCursor, limit: 2 });
    assert(
      older.messages.map((m) => m.id).join() ===
        sent
          .slice(0, 2)
          .map((m) => m.id)
          .join(),
      'the older page holds the two messages just before the newest page, oldest first, also after a new message',
    );
    assert(older.hasNewer === true, 'an older page knows that newer messages exist');
    const newer = await transport.listMessages({ conversationId, after: older.newerCursor, limit: 10 });
    assert(newer.messages[0]?.id === ids[0], 'the newer page continues where the older one ended');
    const catchUp = await transport.listMessages({ conversationId, after: newest.newerCursor });
    assert(
      catchUp.messages.length === 1 && catchUp.messages[0]!.id === later.id,
      'newerCursor catches up with exactly the messages that came later',
    );
    const empty = await transport.listMessages({ conversationId, after: catchUp.newerCursor });
    assert(
      empty.messages.length === 0 && empty.hasNewer === false,
      'nothing is newer than the newest message',
    );
    assert(typeof empty.newerCursor === 'string', 'an empty page still has a newerCursor, to catch up later');
    const latest = await send(transport, 'conformance: latest', [r1]);
    const caught = await transport.listMessages({ conversationId, after: empty.newerCursor });
    assert(
      caught.messages.map((m) => m.id).join() === latest.id,
      'the newerCursor of an empty page catches up with what came later',
    );
    let start = older;
    for (let guard = 0; start.olderCursor !== null && guard < 10_000; guard++) {
      start = await transport.listMessages({ conversationId, before: start.olderCursor, limit: 50 });
      assert(
        start.messages.length > 0,
        'an olderCursor led to an empty page: it must be null on the first page',
      );
    }
    assert(start.olderCursor === null, 'olderCursor is null on the page that starts the conversation');
    await rejectsWith(
      transport.listMessages({ conversationId, before: 'not a cursor' }),
      ['invalid'],
      'a message cursor the backend never gave',
      ['bad-cursor'],
    );
  });

  test('messages: a page around a message, with cursors both ways to the oldest and the newest', async ({
    transport,
  }) => {
    const sent: Message[] = [];
    for (let i = 0; i < 9; i++) sent.push(await send(transport, `conformance: around ${i}`, [r2]));
    const conversationId = sent[0]!.conversationId;
    const order = sent.map((m) => m.id).join();
    const target = sent[3]!;
    const page = await transport.listMessages({ conversationId, around: target.id, limit: 3 });
    page.messages.forEach((m) => checkMessage(m, 'a message of the page around a message'));
    assert(
      page.messages.length > 0 && page.messages.length <= 3,
      `the page around a message has 1 to 3 (the limit) messages, got ${page.messages.length}`,
    );
    const at = page.messages.findIndex((m) => m.id === target.id);
    assert(at !== -1, 'the page around a message holds that message');
    assert(
      at > 0 && at < page.messages.length - 1,
      'the page around a message has older and newer messages on both sides of it when there are some',
    );
    assert(page.hasNewer === true, 'the page around an older message knows that newer messages exist');
    assert(
      typeof page.olderCursor === 'string',
      'the page around a message has an olderCursor when older messages exist',
    );
    const seen = page.messages.map((m) => m.id);
    let older = page;
    for (let guard = 0; older.olderCursor !== null && guard < 100; guard++) {
      older = await transport.listMessages({ conversationId, before: older.olderCursor, limit: 2 });
      assert(
        older.messages.length > 0,
        'an olderCursor led to an empty page: it must be null on the first page',
      );
      seen.unshift(...older.messages.map((m) => m.id));
    }
    let newer = page;
    for (let guard = 0; newer.hasNewer && guard < 100; guard++) {
      newer = await transport.listMessages({ conversationId, after: newer.newerCursor, limit: 2 });
      assert(newer.messages.length > 0, 'hasNewer was true but the newerCursor led to an empty page');
      seen.push(...newer.messages.map((m) => m.id));
    }
    assert(
      seen.join() === order,
      'paging older and newer from the page around a message reaches the oldest and the newest message, oldest first, with no gap or repeat',
    );
    const newest = await transport.listMessages({ conversationId, around: sent[8]!.id, limit: 3 });
    assert(
      newest.messages.at(-1)?.id === sent[8]!.id && newest.hasNewer === false,
      'the page around the newest message ends with it, and hasNewer is false',
    );
    const oldest = await transport.listMessages({ conversationId, around: sent[0]!.id, limit: 3 });
    assert(
      oldest.messages[0]?.id === sent[0]!.id && oldest.olderCursor === null,
      'the page around the first message starts with it, and olderCursor is null',
    );
    await rejectsWith(
      transport.listMessages({ conversationId, around: `${target.id}-unknown` }),
      ['not-found'],
      'listMessages around a message id that does not exist',
    );
    const elsewhere = await send(transport, 'conformance: around elsewhere', [r3]);
    await rejectsWith(
      transport.listMessages({ conversationId, around: elsewhere.id }),
      ['not-found'],
      'listMessages around a message of another conversation',
    );
  });

  test('toll-free: SMS to one person only', async ({ transport }) => {
    const account = await transport.getAccount();
    const tollFree = account.numbers.find((n) => n.kind === 'toll-free');
    need(
      tollFree,
      'the account needs a toll-free number (kind toll-free) to check it sends SMS to one person only',
    );
    const base = { from: tollFree.number, text: 'x', attachmentIds: [] as string[] };
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), to: [r0, r1] }),
      ['invalid'],
      'a group send from a toll-free number',
      ['toll-free-sms-only'],
    );
    await rejectsWith(
      transport.uploadAttachment({ file: new Blob([pngBytes()]), name: 'dot.png', from: tollFree.number }),
      ['invalid'],
      'an upload for a toll-free number',
      ['toll-free-sms-only'],
    );
    const local = await ownNumber(transport, 'mms');
    const attachment = await transport.uploadAttachment({
      file: new Blob([pngBytes()]),
      name: 'dot.png',
      from: local.number,
    });
    await rejectsWith(
      transport.sendMessage({ ...base, clientId: randomId(), to: [r0], attachmentIds: [attachment.id] }),
      ['invalid'],
      'a send with an attachment from a toll-free number',
      ['toll-free-sms-only'],
    );
    const sms = await send(transport, 'conformance: toll-free SMS', [r0], tollFree.number);
    assert(sms.from === tollFree.number, 'a toll-free number can send SMS to one person');
    const c = await conversationOf(transport, sms.conversationId);
    assert(c.ownNumber === tollFree.number, 'the conversation texts from the toll-free number');
  });
}
