// Scheduled messages: scheduling, changes, the timers that send them, removal with a reason.
import type { Attachment } from '../../model/attachment.js';
import type { Conversation } from '../../model/conversation.js';
import type { Message, MessageFailure } from '../../model/message.js';
import { resolvePolicy } from '../../rules/index.js';
import { checkOutgoingContent } from '../../rules/outgoing-message.js';
import { TransportError } from '../errors.js';
import type {
  ScheduleMessageRequest,
  ScheduledMessage,
  ScheduledRemovedReason,
  UpdateScheduledRequest,
} from '../transport.js';
import { checkNotOptedOut, readAttachmentIds, readScheduledText, readSendAt } from '../backend/requests.js';
import { invalid, notFound } from './state.js';
import type { AccountData, MemoryState } from './state.js';
import { sendMessage } from './messages.js';

export function scheduleMessage(
  state: MemoryState,
  data: AccountData,
  request: ScheduleMessageRequest,
): ScheduledMessage {
  if (typeof request.clientId !== 'string' || !request.clientId) {
    throw invalid('bad-request', 'Scheduling needs a client id.');
  }
  const known = data.scheduledByClientId.get(request.clientId);
  if (known !== undefined) {
    const current = data.scheduled.get(known);
    if (current) return structuredClone(current);
    throw invalid('already-scheduled', 'That message was already scheduled, and sent or cancelled since.');
  }
  const stored = state.stored(data, request.conversationId);
  const sendAt = readSendAt(request.sendAt, state.now(), invalid);
  const { participants, ownNumber } = stored.conversation;
  checkNotOptedOut(participants, (n) => data.optOuts.has(`${ownNumber}|${n}`), invalid);
  const attachments = scheduledFiles(state, data, stored.conversation, request.attachmentIds);
  const text = readScheduledText(request.text, attachments.length, invalid);
  const now = state.now();
  const scheduled: ScheduledMessage = {
    id: state.id('sch'),
    clientId: request.clientId,
    conversationId: stored.conversation.id,
    text,
    attachments,
    sendAt,
    cancelIfReplied: request.cancelIfReplied === true,
    createdAt: now,
    updatedAt: now,
  };
  data.scheduled.set(scheduled.id, scheduled);
  data.scheduledByClientId.set(scheduled.clientId, scheduled.id);
  armScheduled(state, data, scheduled.id);
  state.emit(data, { type: 'scheduled.updated', scheduled: structuredClone(scheduled) });
  return structuredClone(scheduled);
}

export function updateScheduled(
  state: MemoryState,
  data: AccountData,
  request: UpdateScheduledRequest,
): ScheduledMessage {
  const current = scheduledOf(data, request.scheduledId);
  const next: ScheduledMessage = {
    ...current,
    ...(request.text !== undefined
      ? { text: readScheduledText(request.text, current.attachments.length, invalid) }
      : {}),
    ...(request.sendAt !== undefined ? { sendAt: readSendAt(request.sendAt, state.now(), invalid) } : {}),
    ...(request.cancelIfReplied !== undefined ? { cancelIfReplied: request.cancelIfReplied === true } : {}),
    updatedAt: state.now(),
  };
  data.scheduled.set(next.id, next);
  armScheduled(state, data, next.id);
  state.emit(data, { type: 'scheduled.updated', scheduled: structuredClone(next) });
  return structuredClone(next);
}

export function scheduledOf(data: AccountData, scheduledId: unknown): ScheduledMessage {
  const found = typeof scheduledId === 'string' ? data.scheduled.get(scheduledId) : undefined;
  if (!found) throw notFound('That scheduled message does not exist (it may have been sent or cancelled).');
  return found;
}

/**
 * The uploaded files a scheduled message is sent with, refused as a send from that
 * conversation's number would refuse them (unknown ids, an SMS-only number, the MMS limits).
 */
export function scheduledFiles(
  state: MemoryState,
  data: AccountData,
  conversation: Conversation,
  attachmentIds: unknown,
): Attachment[] {
  const ids = readAttachmentIds(attachmentIds, invalid);
  if (!ids.length) return [];
  const policy = resolvePolicy(state.own(data, conversation.ownNumber));
  const refusal = checkOutgoingContent({ text: '', attachments: ids.length }, policy);
  if (refusal && refusal.code !== 'empty-message') throw invalid(refusal.code, refusal.message);
  const uploads = ids.map((id) => {
    const upload = data.uploads.get(id);
    if (!upload) throw invalid('unknown-attachment', 'An attachment was not uploaded (or expired).');
    return upload;
  });
  state.checkFiles(uploads, policy);
  return uploads.map((u) => structuredClone(u.attachment));
}

/** (Re)starts the timer of a scheduled message; long waits are cut in steps setTimeout can take. */
export function armScheduled(state: MemoryState, data: AccountData, scheduledId: string): void {
  clearTimeout(state.scheduleTimers.get(scheduledId));
  state.scheduleTimers.delete(scheduledId);
  const scheduled = data.scheduled.get(scheduledId);
  if (!scheduled || state.disposed) return;
  const wait = Math.min(2 ** 31 - 1, Math.max(0, scheduled.sendAt - state.now()));
  const timer = setTimeout(() => {
    state.scheduleTimers.delete(scheduledId);
    const current = data.scheduled.get(scheduledId);
    if (!current) return;
    if (current.sendAt > state.now()) armScheduled(state, data, scheduledId);
    else sendScheduled(state, data, scheduledId);
  }, wait);
  state.scheduleTimers.set(scheduledId, timer);
}

/** Sends a scheduled message as a normal send; a refusal drops it (`failed`) and is returned. */
export function sendScheduled(
  state: MemoryState,
  data: AccountData,
  scheduledId: string,
): Message | TransportError {
  const scheduled = data.scheduled.get(scheduledId)!;
  const conversation = data.conversations.get(scheduled.conversationId)?.conversation;
  try {
    if (!conversation) throw notFound('The conversation was deleted.');
    const message = sendMessage(
      state,
      data,
      {
        clientId: scheduled.clientId,
        from: conversation.ownNumber,
        to: conversation.participants,
        text: scheduled.text,
        attachmentIds: scheduled.attachments.map((a) => a.id),
      },
      false,
    );
    unschedule(state, data, scheduledId, 'sent', message.id);
    return message;
  } catch (error) {
    // A refusal is the message's outcome (`failed`, on its event); anything else is a bug: reported too.
    if (!(error instanceof TransportError)) reportBug(error);
    const failure =
      error instanceof TransportError
        ? error
        : new TransportError('invalid', 'The message could not be sent.', { code: 'send-failed' });
    unschedule(state, data, scheduledId, 'failed', undefined, {
      code: failure.code || failure.kind,
      reason: failure.message,
    });
    return failure;
  }
}

export function unschedule(
  state: MemoryState,
  data: AccountData,
  scheduledId: string,
  reason: ScheduledRemovedReason,
  messageId?: string,
  failure?: MessageFailure,
): void {
  const scheduled = data.scheduled.get(scheduledId);
  if (!scheduled) return;
  data.scheduled.delete(scheduledId);
  clearTimeout(state.scheduleTimers.get(scheduledId));
  state.scheduleTimers.delete(scheduledId);
  state.emit(data, {
    type: 'scheduled.removed',
    conversationId: scheduled.conversationId,
    scheduledId,
    reason,
    ...(messageId ? { messageId } : {}),
    ...(failure ? { failure } : {}),
  });
}

/** A bug (not a refusal): to the page's error handler (`reportError`), never into silence. */
function reportBug(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}
