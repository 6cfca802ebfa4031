import type { Message, MessageFailure } from '../../model/message.js';
import type { TransportEvent } from '../transport.js';

/**
 * The simulated carrier shared by the backends: an outbound message goes queued → `sent` after
 * the first delay, then `delivered` (or `failed`, if the carrier fails it) after the second.
 * Each backend keeps its own timers (memory) or jobs table (SQLite); the steps are these.
 */

/** Default delays in ms: queued → sent, then sent → delivered or failed. */
export const DEFAULT_DELIVERY_MS: readonly [number, number] = [300, 900];

/** Why the carrier failed a message. */
export const CARRIER_REJECTED: MessageFailure = Object.freeze({
  code: 'carrier-rejected',
  reason: 'The carrier rejected the message (the number may not accept texts).',
});

/** What the carrier does after `sent`: deliver it, or fail it when it was picked to fail. */
export function afterSent(fails: boolean): 'delivered' | 'failed' {
  return fails ? 'failed' : 'delivered';
}

/** Whether a new message is one the carrier fails, for a failure `rate` (0–1) and a `random` draw in [0, 1). */
export function carrierFails(rate: number, random: number): boolean {
  return random < rate;
}

/**
 * The message after the carrier moved it to `status` at `at`, and the `message.status` event
 * that tells the account's sessions.
 */
export function carrierStep(
  message: Message,
  status: 'sent' | 'delivered' | 'failed',
  at: number,
): { message: Message; event: TransportEvent } {
  const failure = status === 'failed' ? CARRIER_REJECTED : undefined;
  const next: Message = { ...message, status, updatedAt: at, ...(failure ? { failure } : {}) };
  return {
    message: next,
    event: {
      type: 'message.status',
      conversationId: next.conversationId,
      messageId: next.id,
      ...(next.clientId ? { clientId: next.clientId } : {}),
      status,
      ...(failure ? { failure } : {}),
      at,
    },
  };
}
