import type { Message, MessageFailure, MessageStatus } from '../model/message.js';

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: -1 };

/**
 * Whether a message may move from `current` to `next`. Status only moves forward:
 * queued → sending → sent → delivered. A message fails from queued, sending or sent (carrier);
 * a failure decided on this device (`failure.local`) is upgraded by a late acknowledgement,
 * and a user's retry moves a failed message back to `queued`/`sending` (see `allowRetry`).
 */
export function canMoveTo(
  current: MessageStatus,
  currentFailure: MessageFailure | undefined,
  next: MessageStatus,
  options: { allowRetry?: boolean } = {},
): boolean {
  if (current === next) return false;
  if (current === 'failed') {
    if (options.allowRetry && (next === 'queued' || next === 'sending')) return true;
    // Only a locally decided failure can be overturned, and only by the server's word.
    return Boolean(currentFailure?.local) && (next === 'sent' || next === 'delivered');
  }
  if (next === 'failed') return current !== 'delivered';
  return RANK[next] > RANK[current];
}

/** Merges what is known of one message; fields come from `incoming`, status never goes back. */
export function mergeMessage(current: Message, incoming: Message): Message {
  const statusMoves = canMoveTo(current.status, current.failure, incoming.status);
  const status = statusMoves ? incoming.status : current.status;
  const failure = status === 'failed' ? (statusMoves ? incoming.failure : current.failure) : undefined;
  const merged: Message = {
    ...current,
    ...incoming,
    // Once acknowledged, a message keeps the server's id: a stale local copy (an outbox record
    // restored in another tab after the acknowledgement) never takes it back to its client id.
    id:
      current.clientId !== undefined && current.id !== current.clientId && incoming.id === current.clientId
        ? current.id
        : incoming.id,
    clientId: current.clientId ?? incoming.clientId,
    // Keep the local creation time so an acknowledged message does not jump in the thread.
    createdAt: current.createdAt,
    attachments: incoming.attachments.length ? incoming.attachments : current.attachments,
    status,
  };
  if (failure) return { ...merged, failure };
  const { failure: _dropped, ...rest } = merged;
  return rest;
}
