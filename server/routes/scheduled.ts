// /v1/scheduled: schedule, list, change, cancel, send now.
import type { Message } from '../../src/model/message.js';
import { resolvePolicy } from '../../src/rules/index.js';
import { checkOutgoingContent } from '../../src/rules/outgoing-message.js';
import type { ScheduledMessage } from '../../src/transport/transport.js';
import { HttpError, invalid, notFound, readJson } from '../http.js';
import type { Ctx } from '../http.js';
import {
  checkNotOptedOut,
  readAttachmentIds,
  readScheduledText,
  readSendAt,
} from '../../src/transport/backend/requests.js';
import type { ServerCore } from '../core.js';
import { uploadsOf } from '../deliver.js';
import { unschedule, sendScheduled, armScheduled } from '../scheduler.js';

/** `POST /v1/scheduled` (`Idempotency-Key`): schedules a text in one of the account's conversations. */
export async function createScheduled(core: ServerCore, ctx: Ctx): Promise<ScheduledMessage> {
  const body = await readJson(ctx.req);
  const header = ctx.req.headers['idempotency-key'];
  const clientId = typeof header === 'string' ? header : body['clientId'];
  if (typeof clientId !== 'string' || !clientId || clientId.length > 200) {
    throw invalid('bad-request', 'Scheduling needs an Idempotency-Key header (the client id).');
  }
  const accountId = ctx.account.id;
  const known = core.db
    .prepare('SELECT body FROM scheduled WHERE account_id = ? AND client_id = ?')
    .get(accountId, clientId) as { body: string } | undefined;
  if (known) {
    ctx.res.setHeader('Idempotent-Replayed', 'true');
    return JSON.parse(known.body) as ScheduledMessage;
  }
  if (
    core.db.prepare('SELECT 1 FROM sends WHERE account_id = ? AND client_id = ?').get(accountId, clientId)
  ) {
    throw new HttpError(409, 'already-scheduled', 'That message was already scheduled, and sent since.');
  }
  const conversationId = body['conversationId'];
  if (typeof conversationId !== 'string') throw invalid('bad-request', 'conversationId must be a string.');
  const row = core.conversationRow(accountId, conversationId, ctx);
  const sendAt = readSendAt(body['sendAt'], Date.now(), invalid);
  const cancel = body['cancelIfReplied'];
  if (cancel !== undefined && typeof cancel !== 'boolean') {
    throw invalid('bad-request', 'cancelIfReplied must be true or false.');
  }
  const conv = core.body(row);
  checkNotOptedOut(conv.participants, (p) => core.optedOut(accountId, conv.ownNumber, p), invalid);
  // The files were uploaded before (as for a send) and stay until it is sent: see decision 0015.
  const ids = readAttachmentIds(body['attachmentIds'], invalid);
  const own = ctx.account.numbers.find((n) => n.number === conv.ownNumber);
  if (!own) throw invalid('unknown-number', `${conv.ownNumber} is not one of this account's numbers.`);
  const policy = resolvePolicy(own);
  const mms = checkOutgoingContent({ text: '', attachments: ids.length }, policy);
  if (mms && mms.code !== 'empty-message') throw core.refused(mms);
  const attachments = uploadsOf(core, ctx.account, ids, policy, ctx).map((u) => u.attachment);
  const text = readScheduledText(body['text'], attachments.length, invalid);
  const now = Date.now();
  const scheduled: ScheduledMessage = {
    id: core.id('sch'),
    clientId,
    conversationId,
    text,
    attachments,
    sendAt,
    cancelIfReplied: cancel === true,
    createdAt: now,
    updatedAt: now,
  };
  core.tx(() => {
    core.db
      .prepare(
        `INSERT INTO scheduled (id, account_id, client_id, conversation_id, send_at, cancel_if_replied, body)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        scheduled.id,
        accountId,
        clientId,
        conversationId,
        sendAt,
        cancel === true ? 1 : 0,
        JSON.stringify(scheduled),
      );
    core.emit(accountId, { type: 'scheduled.updated', scheduled });
  });
  armScheduled(core);
  ctx.res.statusCode = 201;
  return scheduled;
}

/** `GET /v1/scheduled?conversationId=`: soonest first. */
export function listScheduled(core: ServerCore, ctx: Ctx): { scheduled: ScheduledMessage[] } {
  const conversationId = ctx.url.searchParams.get('conversationId');
  const rows = (
    conversationId
      ? core.db
          .prepare(
            'SELECT body FROM scheduled WHERE account_id = ? AND conversation_id = ? ORDER BY send_at, id',
          )
          .all(ctx.account.id, conversationId)
      : core.db
          .prepare('SELECT body FROM scheduled WHERE account_id = ? ORDER BY send_at, id')
          .all(ctx.account.id)
  ) as { body: string }[];
  return { scheduled: rows.map((r) => JSON.parse(r.body) as ScheduledMessage) };
}

/** `PATCH /v1/scheduled/{id}`: `text`, `sendAt` and/or `cancelIfReplied`. */
export async function updateScheduled(core: ServerCore, ctx: Ctx, id: string): Promise<ScheduledMessage> {
  const body = await readJson(ctx.req);
  const current = scheduledRow(core, ctx, id);
  const cancel = body['cancelIfReplied'];
  if (cancel !== undefined && typeof cancel !== 'boolean') {
    throw invalid('bad-request', 'cancelIfReplied must be true or false.');
  }
  const next: ScheduledMessage = {
    ...current,
    ...(body['text'] !== undefined
      ? { text: readScheduledText(body['text'], current.attachments.length, invalid) }
      : {}),
    ...(body['sendAt'] !== undefined ? { sendAt: readSendAt(body['sendAt'], Date.now(), invalid) } : {}),
    ...(cancel !== undefined ? { cancelIfReplied: cancel } : {}),
    updatedAt: Math.max(Date.now(), current.updatedAt + 1),
  };
  core.tx(() => {
    core.db
      .prepare('UPDATE scheduled SET send_at = ?, cancel_if_replied = ?, body = ? WHERE id = ?')
      .run(next.sendAt, next.cancelIfReplied ? 1 : 0, JSON.stringify(next), id);
    core.emit(ctx.account.id, { type: 'scheduled.updated', scheduled: next });
  });
  armScheduled(core);
  return next;
}

/** `DELETE /v1/scheduled/{id}`. */
export function cancelScheduled(core: ServerCore, ctx: Ctx, id: string): void {
  scheduledRow(core, ctx, id);
  core.tx(() => unschedule(core, id, 'cancelled'));
  armScheduled(core);
}

/** `POST /v1/scheduled/{id}/send`: sends it now; answers the message. */
export function sendScheduledNow(core: ServerCore, ctx: Ctx, id: string): Message {
  scheduledRow(core, ctx, id);
  const result = sendScheduled(core, id);
  armScheduled(core);
  if (result instanceof HttpError) throw result;
  ctx.res.statusCode = 201;
  return result!;
}

/** The scheduled message of this account; another account's is "not found" (and logged). */
export function scheduledRow(core: ServerCore, ctx: Ctx, id: string): ScheduledMessage {
  const row = core.db.prepare('SELECT account_id, body FROM scheduled WHERE id = ?').get(id) as
    { account_id: string; body: string } | undefined;
  if (row && row.account_id !== ctx.account.id) core.denied(ctx, 'scheduled', id);
  if (!row || row.account_id !== ctx.account.id) {
    throw notFound('That scheduled message does not exist (it may have been sent or cancelled).');
  }
  return JSON.parse(row.body) as ScheduledMessage;
}
