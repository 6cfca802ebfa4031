// Scheduled messages: sent at their time by one timer (re-armed after every change), removed with a reason.
import type { Message, MessageFailure } from '../src/model/message.js';
import type { ScheduledMessage, ScheduledRemovedReason } from '../src/transport/transport.js';
import { HttpError } from './http.js';
import type { ServerCore } from './core.js';
import { deliver } from './deliver.js';

/** Deletes a scheduled message and emits `scheduled.removed` (inside the caller's transaction). */
export function unschedule(
  core: ServerCore,
  id: string,
  reason: ScheduledRemovedReason,
  messageId?: string,
  failure?: MessageFailure,
): void {
  const row = core.db.prepare('SELECT account_id, conversation_id FROM scheduled WHERE id = ?').get(id) as
    { account_id: string; conversation_id: string } | undefined;
  if (!row) return;
  core.db.prepare('DELETE FROM scheduled WHERE id = ?').run(id);
  core.emit(row.account_id, {
    type: 'scheduled.removed',
    conversationId: row.conversation_id,
    scheduledId: id,
    reason,
    ...(messageId ? { messageId } : {}),
    ...(failure ? { failure } : {}),
  });
}

/** Sends one scheduled message as a normal send; a refusal drops it (`failed`) and is returned. */
export function sendScheduled(core: ServerCore, id: string): Message | HttpError | undefined {
  const row = core.db
    .prepare('SELECT account_id, conversation_id, body FROM scheduled WHERE id = ?')
    .get(id) as { account_id: string; conversation_id: string; body: string } | undefined;
  if (!row) return undefined;
  const scheduled = JSON.parse(row.body) as ScheduledMessage;
  // Sent already, and the server stopped before the row was dropped: drop it now, send nothing.
  const sent = core.db
    .prepare('SELECT message_id FROM sends WHERE account_id = ? AND client_id = ?')
    .get(row.account_id, scheduled.clientId) as { message_id: string } | undefined;
  if (sent) {
    core.tx(() => unschedule(core, id, 'sent', sent.message_id));
    return undefined;
  }
  try {
    const account = core.account(row.account_id);
    const conv = core.body(core.conversationRow(row.account_id, row.conversation_id));
    const message = deliver(core, account, scheduled.clientId, {
      from: conv.ownNumber,
      to: conv.participants,
      text: scheduled.text,
      attachmentIds: scheduled.attachments.map((a) => a.id),
    });
    core.tx(() => unschedule(core, id, 'sent', message.id));
    core.log({ level: 'info', event: 'scheduled-sent', scheduledId: id, messageId: message.id });
    return message;
  } catch (error) {
    // A refusal (opted out since, a file gone…) is the message's outcome; anything else is a bug: logged.
    if (!(error instanceof HttpError)) {
      core.log({
        level: 'error',
        event: 'scheduled-error',
        scheduledId: id,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    const failure =
      error instanceof HttpError
        ? error
        : new HttpError(500, 'send-failed', 'The message could not be sent.');
    core.tx(() => unschedule(core, id, 'failed', undefined, { code: failure.code, reason: failure.message }));
    core.log({ level: 'warn', event: 'scheduled-failed', scheduledId: id, code: failure.code });
    return failure;
  }
}

/** Arms the timer for the soonest scheduled message (long waits in steps setTimeout can take). */
export function armScheduled(core: ServerCore): void {
  if (core.closed || !core.listening()) return;
  clearTimeout(core.scheduledTimer);
  const next = core.db.prepare('SELECT MIN(send_at) AS due FROM scheduled').get() as { due: number | null };
  if (next.due === null) return;
  const wait = Math.min(2 ** 31 - 1, Math.max(0, next.due - Date.now()));
  core.scheduledTimer = setTimeout(() => runScheduled(core), wait);
}

export function runScheduled(core: ServerCore): void {
  const due = core.db
    .prepare('SELECT id FROM scheduled WHERE send_at <= ? ORDER BY send_at, id')
    .all(Date.now()) as { id: string }[];
  for (const { id } of due) {
    if (core.closed) return;
    sendScheduled(core, id);
  }
  armScheduled(core);
}
