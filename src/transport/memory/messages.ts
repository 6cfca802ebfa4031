// Messages: pages by seq both ways and around a message, sending (the outgoing rule, idempotency,
// injected failures, the carrier), deleting.
import type { Message } from '../../model/message.js';
import { backendCode, checkOutgoingContent, checkOutgoingRecipients } from '../../rules/outgoing-message.js';
import { TransportError } from '../errors.js';
import type {
  DeleteMessageRequest,
  ListMessagesRequest,
  MessagePage,
  SendMessageRequest,
} from '../transport.js';
import { aroundWindow, seqCursor } from '../backend/cursors.js';
import { invalid, notFound, pageSize, indexAfter } from './state.js';
import type { AccountData, MemoryState } from './state.js';

export function listMessages(
  state: MemoryState,
  data: AccountData,
  request: ListMessagesRequest,
): MessagePage {
  const stored = state.stored(data, request.conversationId);
  const all = state.messages(stored);
  const limit = pageSize(request.limit, 50, 200);
  let from: number;
  let to: number;
  const ways = [request.before, request.after, request.around].filter((v) => v !== undefined);
  if (ways.length > 1) throw invalid('bad-request', 'Give at most one of before, after and around.');
  if (request.around !== undefined) {
    const at = all.findIndex((s) => s.message.id === request.around);
    if (at === -1) throw notFound('That message is not in this conversation.');
    const take = aroundWindow(at, all.length - at, limit);
    from = at - take.older;
    to = at + take.newer;
  } else if (request.after !== undefined) {
    from = indexAfter(all, state.seqCursor(stored, request.after));
    to = Math.min(all.length, from + limit);
  } else {
    to =
      request.before !== undefined
        ? indexAfter(all, state.seqCursor(stored, request.before) - 1)
        : all.length;
    from = Math.max(0, to - limit);
  }
  const page = all.slice(from, to);
  // The newest seq this page has seen; `after` it comes everything newer, now or later.
  const newest =
    page.at(-1)?.seq ??
    (request.after !== undefined ? state.seqCursor(stored, request.after) : (all[from - 1]?.seq ?? -1));
  const oldest = page[0]?.seq ?? newest + 1;
  const cursor = (seq: number) => seqCursor(stored.conversation.id, seq);
  return {
    messages: page.map((s) => state.message(s.message)),
    olderCursor: from > 0 ? cursor(oldest) : null,
    newerCursor: cursor(newest),
    hasNewer: to < all.length,
  };
}

export function sendMessage(
  state: MemoryState,
  data: AccountData,
  request: SendMessageRequest,
  injected = true,
): Message {
  if (typeof request.clientId !== 'string' || !request.clientId) {
    throw invalid('bad-request', 'A send needs a client id.');
  }
  const known = data.byClientId.get(request.clientId);
  if (known) {
    const current = data.conversations
      .get(known.conversationId)
      ?.messages?.find((s) => s.message.id === known.messageId)?.message;
    return state.ack(state.message(current ?? known.message));
  }
  if (injected && state.failSends.count > 0) {
    state.failSends.count--;
    const kind = state.failSends.kind;
    if (kind === 'network') throw new TransportError('network', 'The message could not reach the server.');
    if (kind === 'rate-limited') {
      throw new TransportError('rate-limited', 'Too many messages.', { retryAfterMs: 1000 });
    }
    throw new TransportError(kind, 'The server refused the message.', { code: 'refused' });
  }
  const own = state.own(data, request.from);
  const checked = checkOutgoingRecipients({
    to: Array.isArray(request.to) ? request.to : [],
    own,
    country: data.account.country,
    isOptedOut: (n) => data.optOuts.has(`${own.number}|${n}`),
  });
  if (!checked.ok) throw invalid(backendCode(checked.refusal.code), checked.refusal.message);
  const text: unknown = request.text;
  if (typeof text !== 'string') throw invalid('bad-request', 'The text must be a string.');
  const ids = Array.isArray(request.attachmentIds) ? [...new Set(request.attachmentIds)] : [];
  const refusal = checkOutgoingContent({ text, attachments: ids.length }, checked.policy);
  if (refusal) throw invalid(refusal.code, refusal.message);
  const { to, policy } = checked;
  const uploads = ids.map((id) => {
    const upload = data.uploads.get(id);
    if (!upload) throw invalid('unknown-attachment', 'An attachment was not uploaded (or expired).');
    return upload;
  });
  state.checkFiles(uploads, policy);
  const stored = state.find(data, to, own.number) ?? state.create(data, to, own.number);
  const message: Message = {
    id: state.id('msg'),
    clientId: request.clientId,
    conversationId: stored.conversation.id,
    direction: 'outbound',
    from: own.number,
    to,
    text,
    attachments: uploads.map((u) => structuredClone(u.attachment)),
    status: 'queued',
    createdAt: state.now(),
  };
  state.append(stored, message);
  stored.conversation = { ...stored.conversation, lastMessage: message, updatedAt: state.activity() };
  data.byClientId.set(request.clientId, {
    conversationId: message.conversationId,
    messageId: message.id,
    message,
  });
  state.emit(data, {
    type: 'message.created',
    message: state.message(message),
    conversation: state.conversation(stored.conversation),
  });
  state.carrier(data, stored, message.id);
  return injected ? state.ack(state.message(message)) : state.message(message);
}

export function deleteMessage(state: MemoryState, data: AccountData, request: DeleteMessageRequest): void {
  const stored = state.stored(data, request.conversationId);
  const messages = state.messages(stored);
  const at = messages.findIndex((s) => s.message.id === request.messageId);
  if (at === -1) throw notFound('That message does not exist.');
  messages.splice(at, 1);
  const { lastMessage: _removed, ...rest } = stored.conversation;
  const last = messages.at(-1)?.message;
  stored.conversation = last ? { ...rest, lastMessage: last } : rest;
  state.emit(data, {
    type: 'message.deleted',
    conversationId: request.conversationId,
    messageId: request.messageId,
  });
  state.emit(data, { type: 'conversation.updated', conversation: state.conversation(stored.conversation) });
}
