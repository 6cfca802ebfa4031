import { toTransportError } from '../../transport/errors.js';
import { isProvisionalId } from '../ids.js';
import type { Outbox } from '../outbox.js';
import type { EffectContext } from './context.js';

/** What {@link Conversations} needs from the client. */
export interface ConversationsOptions {
  readonly context: EffectContext;
  readonly outbox: Outbox;
}

/**
 * Commands on a conversation and its messages: read and unread (shown at once, put back when the
 * backend refuses), and deletions (a message never acknowledged is only on this device: it leaves
 * the outbox, not the server).
 */
export class Conversations {
  readonly #options: ConversationsOptions;

  constructor(options: ConversationsOptions) {
    this.#options = options;
  }

  async deleteMessage(conversationId: string, messageId: string): Promise<void> {
    const { context, outbox } = this.#options;
    context.assertAlive();
    const message = context
      .getState()
      .threads[conversationId]?.messages.find((m) => m.id === messageId || m.clientId === messageId);
    // A message the server never acknowledged is only on this device.
    if (message && message.clientId !== undefined && message.id === message.clientId) {
      outbox.cancel(message.clientId);
      context.dispatch({ type: 'message/removed', conversationId, messageId: message.id });
      return;
    }
    await context.transport.deleteMessage({ conversationId, messageId: message?.id ?? messageId });
    context.dispatch({ type: 'message/removed', conversationId, messageId: message?.id ?? messageId });
  }

  async deleteConversation(conversationId: string): Promise<void> {
    const { context } = this.#options;
    context.assertAlive();
    if (!isProvisionalId(conversationId)) await context.transport.deleteConversation({ conversationId });
    context.dispatch({ type: 'conversation/removed', conversationId });
  }

  async setRead(conversationId: string, read: boolean): Promise<void> {
    const { context } = this.#options;
    context.assertAlive();
    const before = context.getState().conversations.find((c) => c.id === conversationId);
    if (!before || isProvisionalId(conversationId)) return;
    if (read && before.unreadCount === 0) return;
    const unreadCount = read ? 0 : Math.max(1, before.unreadCount);
    context.dispatch({ type: 'conversation/upserted', conversation: { ...before, unreadCount } });
    try {
      const request = { conversationId };
      const after = read
        ? await context.transport.markRead(request)
        : await context.transport.markUnread(request);
      if (!context.destroyed()) context.dispatch({ type: 'conversation/upserted', conversation: after });
    } catch (error) {
      if (context.destroyed()) return;
      const now = context.getState().conversations.find((c) => c.id === conversationId);
      if (now)
        context.dispatch({
          type: 'conversation/upserted',
          conversation: { ...now, unreadCount: before.unreadCount },
        });
      context.report(read ? 'markRead' : 'markUnread', error);
      throw toTransportError(error);
    }
  }
}
