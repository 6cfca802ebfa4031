import type { MessageStatus } from '../../model/message.js';
import type { TransportEvent } from '../transport.js';
import { NEXT, FINAL, assert, need, rejectsWith, randomId, sleep } from './checks.js';
import type { Suite } from './suite.js';

/** Push: created and status events, every session, reconnecting, inbound texts, STOP and START. */
export function eventsConformance(s: Suite): void {
  const { test, settle, send, listen, secondSession, createdEvent, checkEvents, conversationOf } = s;
  const [r0, r1, r2, r3, r4, r5] = s.recipients;

  test('events: message.created carries the conversation as it is after the message', async ({
    transport,
    hooks,
  }) => {
    const other = await secondSession(hooks);
    const mine = await listen(transport);
    const theirs = await listen(other);
    try {
      const earlier = await send(transport, 'conformance: before the event', [r2]);
      const before = await conversationOf(transport, earlier.conversationId);
      await sleep(5);
      const message = await send(transport, 'conformance: events', [r2]);
      for (const [feed, who] of [
        [mine, 'the sending session'],
        [theirs, 'another session of the account'],
      ] as const) {
        await feed.until(`message.created of a sent message at ${who}`, (e) => !!createdEvent(e, message.id));
        const event = createdEvent(feed.events, message.id)!;
        checkEvents(feed.events);
        assert(
          event.message.clientId === message.clientId,
          'message.created carries the client id of a send',
        );
        assert(
          event.conversation.lastMessage?.id === message.id,
          `message.created at ${who} must carry the conversation after the message: lastMessage is the new message`,
        );
        assert(
          event.conversation.updatedAt > before.updatedAt &&
            event.conversation.updatedAt >= message.createdAt - 1000,
          `message.created at ${who} must carry the conversation after the message: updatedAt moved forward`,
        );
      }
    } finally {
      mine.stop();
      theirs.stop();
    }
  });

  test('events: status only moves forward, also after a final status', async ({ transport, hooks }) => {
    const other = await secondSession(hooks);
    const feed = await listen(other);
    try {
      const message = await send(transport, 'conformance: status', [r3]);
      await feed.until('a final status (delivered or failed) at another session', (events) =>
        events.some(
          (e) => e.type === 'message.status' && e.messageId === message.id && FINAL.includes(e.status),
        ),
      );
      await sleep(settle);
      checkEvents(feed.events);
      let status: MessageStatus = message.status;
      for (const e of feed.events) {
        if (e.type !== 'message.status' || e.messageId !== message.id) continue;
        assert(
          e.conversationId === message.conversationId,
          'message.status names the message’s conversation',
        );
        if (e.clientId !== undefined)
          assert(e.clientId === message.clientId, 'message.status carries the client id');
        assert(
          e.status === status || NEXT[status].includes(e.status),
          `status must only move forward, went from ${status} to ${e.status}`,
        );
        if (e.status === 'failed')
          assert(typeof e.failure?.code === 'string', 'a failed status says why (failure.code)');
        status = e.status;
      }
      const page = await transport.listMessages({ conversationId: message.conversationId, limit: 5 });
      const stored = page.messages.find((m) => m.id === message.id);
      assert(stored && stored.status === status, `the stored message keeps its final status ${status}`);
    } finally {
      feed.stop();
    }
  });

  test('events: reach every subscriber and every session, none after unsubscribing', async ({
    transport,
    hooks,
  }) => {
    const other = await secondSession(hooks);
    const a = await listen(transport);
    const b = await listen(transport);
    const c = await listen(other);
    try {
      const first = await send(transport, 'conformance: three listeners', [r0]);
      await a.until('message.created at the first subscriber', (e) => !!createdEvent(e, first.id));
      await b.until(
        'message.created at the second subscriber of the same transport',
        (e) => !!createdEvent(e, first.id),
      );
      await c.until('message.created at a subscriber of another session', (e) => !!createdEvent(e, first.id));
      b.stop();
      c.stop();
      const counts = [b.events.length, c.events.length];
      const second = await send(other, 'conformance: one listener', [r0]);
      await a.until('message.created of a send by another session', (e) => !!createdEvent(e, second.id));
      await sleep(settle);
      assert(b.events.length === counts[0] && c.events.length === counts[1], 'no events after unsubscribing');
      checkEvents(a.events);
    } finally {
      a.stop();
      b.stop();
      c.stop();
    }
  });

  test('events: the push connection comes back after a drop (hooks.dropPushConnection)', async ({
    transport,
    hooks,
  }) => {
    need(
      hooks?.dropPushConnection,
      'hooks.dropPushConnection is missing (make the backend drop the account’s push connections)',
    );
    const feed = await listen(transport);
    try {
      const before = await send(transport, 'conformance: before the drop', [r1]);
      await feed.until('message.created before the drop', (e) => !!createdEvent(e, before.id));
      await hooks.dropPushConnection();
      const after = await send(transport, 'conformance: after the drop', [r1]);
      await feed.until(
        'message.created of a send after the push connection dropped (the transport must reconnect)',
        (e) => !!createdEvent(e, after.id),
      );
      await sleep(settle);
      checkEvents(feed.events);
      const states = feed.events.flatMap((e) => (e.type === 'connection' ? [e.state] : []));
      assert(
        states.length === 0 || states.at(-1) === 'online',
        `connection events must end online once the push connection is back, got ${states.join(', ')}`,
      );
    } finally {
      feed.stop();
    }
  });

  test('inbound: received texts are pushed to every session, unread and on top (hooks.receive)', async ({
    transport,
    hooks,
  }) => {
    need(hooks?.receive, 'hooks.receive is missing (make the backend receive a text from a number)');
    const own = await s.ownNumber(transport);
    const other = await secondSession(hooks);
    const mine = await listen(transport);
    const theirs = await listen(other);
    try {
      const earlier = await send(transport, 'conformance: before the reply', [r4], own.number);
      await transport.markRead({ conversationId: earlier.conversationId });
      await send(transport, 'conformance: something newer', [r3], own.number);
      const text = `conformance: inbound ${randomId()}`;
      const before = Date.now();
      await hooks.receive(r4, text, own.number);
      const isIt = (e: TransportEvent) => e.type === 'message.created' && e.message.text === text;
      await mine.until('an inbound message.created', (events) => events.some(isIt));
      await theirs.until('an inbound message.created at another session', (events) => events.some(isIt));
      checkEvents(mine.events);
      const event = mine.events.find(isIt);
      assert(event?.type === 'message.created', 'the inbound event');
      const m = event.message;
      assert(m.direction === 'inbound', 'an inbound message has direction inbound');
      assert(m.from === r4, 'an inbound message is from the sender');
      assert(
        m.to.length === 1 && m.to[0] === own.number,
        'an inbound message is to the own number it was sent to',
      );
      assert(m.status === 'delivered', `an inbound message has status delivered, got ${m.status}`);
      assert(m.createdAt >= before - 60_000, 'an inbound message has the time it arrived');
      assert(
        m.conversationId === earlier.conversationId,
        'a reply lands in the conversation with the sender',
      );
      assert(event.conversation.unreadCount === 1, 'the event’s conversation counts the new unread message');
      assert(
        event.conversation.lastMessage?.id === m.id,
        'the event’s conversation has the reply as lastMessage',
      );
      const top = await transport.listConversations({ limit: 1 });
      assert(top.conversations[0]?.id === m.conversationId, 'the conversation moves to the top');
      assert(top.conversations[0]!.unreadCount === 1, 'the unread count is stored');
    } finally {
      mine.stop();
      theirs.stop();
    }
  });

  test('opt-out: STOP blocks texts to the sender, START allows them again (hooks.receive)', async ({
    transport,
    hooks,
  }) => {
    need(hooks?.receive, 'hooks.receive is missing (make the backend receive a text from a number)');
    const own = await s.ownNumber(transport);
    const first = await send(transport, 'conformance: before STOP', [r5], own.number);
    await hooks.receive(r5, 'STOP', own.number);
    try {
      const c = await conversationOf(transport, first.conversationId);
      assert(c.optedOut?.includes(r5), 'a participant who replied STOP is listed in optedOut');
      await rejectsWith(
        send(transport, 'conformance: after STOP', [r5], own.number),
        ['invalid'],
        'a text to a number that replied STOP',
        ['recipient-opted-out'],
      );
    } finally {
      await hooks.receive(r5, 'START', own.number);
    }
    const c = await conversationOf(transport, first.conversationId);
    assert(!c.optedOut?.includes(r5), 'START takes the participant out of optedOut');
    await send(transport, 'conformance: after START', [r5], own.number);
  });
}
