import { assert, rejectsWith, checkConversation } from './checks.js';
import type { Suite } from './suite.js';

/** Deletions and read state, pushed to every session. */
export function changesConformance(s: Suite): void {
  const { test, r1, r2, send, listen, secondSession, checkEvents, pageAll, conversationOf } = s;

  test('delete: messages and conversations, pushed to every session', async ({ transport, hooks }) => {
    const other = await secondSession(hooks);
    const feed = await listen(other);
    try {
      const a = await send(transport, 'conformance: delete a', [r2]);
      const b = await send(transport, 'conformance: delete b', [r2]);
      await transport.deleteMessage({ conversationId: b.conversationId, messageId: b.id });
      const page = await transport.listMessages({ conversationId: a.conversationId, limit: 100 });
      assert(!page.messages.some((m) => m.id === b.id), 'a deleted message is gone');
      assert(
        page.messages.some((m) => m.id === a.id),
        'other messages stay',
      );
      const after = await conversationOf(transport, a.conversationId);
      assert(
        after.lastMessage?.id === a.id,
        'deleting the newest message makes the one before it the lastMessage',
      );
      await feed.until('message.deleted at another session', (events) =>
        events.some(
          (e) =>
            e.type === 'message.deleted' && e.messageId === b.id && e.conversationId === b.conversationId,
        ),
      );
      await rejectsWith(
        transport.deleteMessage({ conversationId: b.conversationId, messageId: b.id }),
        ['not-found'],
        'deleting a deleted message',
      );
      await transport.deleteConversation({ conversationId: a.conversationId });
      await rejectsWith(
        transport.getConversation({ conversationId: a.conversationId }),
        ['not-found'],
        'a deleted conversation',
      );
      await rejectsWith(
        transport.listMessages({ conversationId: a.conversationId }),
        ['not-found'],
        'the messages of a deleted conversation',
      );
      await feed.until('conversation.deleted at another session', (events) =>
        events.some((e) => e.type === 'conversation.deleted' && e.conversationId === a.conversationId),
      );
      const all = await pageAll(transport, 50);
      assert(!all.some((c) => c.id === a.conversationId), 'a deleted conversation is not listed');
      const found = await transport.findConversation({ participants: [r2], from: a.from });
      assert(found?.id !== a.conversationId, 'a deleted conversation is not found');
      checkEvents(feed.events);
    } finally {
      feed.stop();
    }
  });

  test('read state: markRead and markUnread, stored and pushed to every session', async ({
    transport,
    hooks,
  }) => {
    const other = await secondSession(hooks);
    const feed = await listen(other);
    try {
      const m = await send(transport, 'conformance: read', [r1]);
      const read = await transport.markRead({ conversationId: m.conversationId });
      checkConversation(read, 'markRead');
      assert(
        read.id === m.conversationId && read.unreadCount === 0,
        'markRead answers the conversation, count 0',
      );
      const unread = await transport.markUnread({ conversationId: m.conversationId });
      checkConversation(unread, 'markUnread');
      assert(unread.unreadCount >= 1, 'markUnread leaves at least one unread');
      const fetched = await conversationOf(transport, m.conversationId);
      assert(fetched.unreadCount === unread.unreadCount, 'the unread count is stored');
      await feed.until('conversation.updated with the unread count at another session', (events) =>
        events.some(
          (e) =>
            e.type === 'conversation.updated' &&
            e.conversation.id === m.conversationId &&
            e.conversation.unreadCount >= 1,
        ),
      );
      const again = await transport.markRead({ conversationId: m.conversationId });
      assert(again.unreadCount === 0, 'markRead clears the count again');
      assert(
        (await conversationOf(transport, m.conversationId)).unreadCount === 0,
        'the cleared count is stored',
      );
      await feed.until('conversation.updated with the count cleared at another session', (events) =>
        events.some(
          (e, i) =>
            e.type === 'conversation.updated' &&
            e.conversation.id === m.conversationId &&
            e.conversation.unreadCount === 0 &&
            events
              .slice(0, i)
              .some((x) => x.type === 'conversation.updated' && x.conversation.unreadCount >= 1),
        ),
      );
      checkEvents(feed.events);
    } finally {
      feed.stop();
    }
  });
}
