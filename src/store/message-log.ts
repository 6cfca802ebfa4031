import type { Message, MessageStatus } from '../model/message.js';
import type { Action } from './actions.js';
import type { MessagesState } from './state.js';
import { messageKey } from './state.js';

/** The moments of an outgoing message a host logs (a CRM's activity timeline). */
export type LoggedStatus = 'sent' | 'delivered' | 'failed';

/** Actions that can move an outgoing message to one of those moments. */
export const STATUS_ACTIONS: ReadonlySet<Action['type']> = new Set([
  'message/upserted',
  'message/status',
  'thread/loaded',
  // A list read anew carries each chat's last message as the server has it (see the reducer).
  'conversations/loaded',
]);

const RANK: Readonly<Record<MessageStatus, number>> = {
  queued: 0,
  sending: 1,
  failed: 1,
  sent: 2,
  delivered: 3,
};

/** What `after` says happened to `before`: at most `sent` then `delivered`, or `failed`. */
function moments(before: Message, after: Message): LoggedStatus[] {
  const found: LoggedStatus[] = [];
  if (after.status === 'failed' && before.status !== 'failed') found.push('failed');
  if (RANK[before.status] < RANK.sent && RANK[after.status] >= RANK.sent) found.push('sent');
  if (after.status === 'delivered' && before.status !== 'delivered') found.push('delivered');
  return found;
}

function same(a: Message, b: Message): boolean {
  return messageKey(a) === messageKey(b) || a.id === b.id;
}

/** The newest message of a thread that is `m` (searched from the end, where changes happen). */
function findFromEnd(messages: readonly Message[] | undefined, m: Message): Message | undefined {
  if (!messages) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) if (same(messages[i]!, m)) return messages[i];
  return undefined;
}

/**
 * The outgoing messages this action moved to `sent`, `delivered` or `failed`, compared with the
 * state before it. Only messages this state already held count: a message first seen already
 * sent (another device's, or an old page) was not seen to change.
 */
export function statusChanges(
  before: MessagesState,
  after: MessagesState,
  action: Action,
): { readonly message: Message; readonly status: LoggedStatus }[] {
  const changes: { message: Message; status: LoggedStatus }[] = [];
  const compare = (conversationId: string, candidates: readonly Message[]) => {
    const was = before.threads[conversationId]?.messages;
    const now = after.threads[conversationId]?.messages;
    if (!was || !now || was === now) return;
    for (const c of candidates) {
      if (c.direction !== 'outbound') continue;
      const a = findFromEnd(now, c);
      const b = a && findFromEnd(was, a);
      if (!a || !b || a.status === b.status) continue;
      for (const status of moments(b, a)) changes.push({ message: a, status });
    }
  };
  switch (action.type) {
    case 'message/upserted':
      compare(action.message.conversationId, [action.message]);
      break;
    case 'message/status': {
      const m = after.threads[action.conversationId]?.messages.findLast(
        (x) => x.id === action.messageId || (action.clientId !== undefined && x.clientId === action.clientId),
      );
      if (m) compare(action.conversationId, [m]);
      break;
    }
    case 'thread/loaded': {
      // Only messages that were waiting can change: look those up, not the whole page.
      const waiting = before.threads[action.conversationId]?.messages.filter(
        (m) => m.direction === 'outbound' && m.status !== 'delivered',
      );
      if (!waiting?.length) break;
      const keys = new Set(waiting.flatMap((m) => [messageKey(m), m.id]));
      const page = action.page.messages.filter((m) => keys.has(messageKey(m)) || keys.has(m.id));
      compare(action.conversationId, page);
      break;
    }
    case 'conversations/loaded':
      for (const c of action.page.conversations)
        if (c.lastMessage?.direction === 'outbound') compare(c.id, [c.lastMessage]);
      break;
    default:
      break;
  }
  return changes;
}
