// Sending one message: the outgoing rule, the files, the conversation, the row, the carrier job.
// Used by POST /v1/messages and by the scheduler.
import type { Account } from '../src/model/account.js';
import type { Attachment } from '../src/model/attachment.js';
import type { Message } from '../src/model/message.js';
import type { DetectedFileType, ResolvedPolicy } from '../src/rules/index.js';
import { checkOutgoingContent, checkOutgoingRecipients } from '../src/rules/outgoing-message.js';
import { carrierFails, DEFAULT_DELIVERY_MS } from '../src/transport/backend/carrier.js';
import { invalid } from './http.js';
import type { Ctx } from './http.js';
import { filesRefusal, readAttachmentIds } from '../src/transport/backend/requests.js';
import type { ServerCore } from './core.js';
import { scheduleCarrier } from './carrier.js';

/**
 * Validates and stores an outbound message (and its carrier job), emitting `message.created`:
 * the one path of every send, from `POST /v1/messages` and from the scheduled-message timer.
 */
export function deliver(
  core: ServerCore,
  account: Account,
  clientId: string,
  body: Record<string, unknown>,
  ctx?: Ctx,
): Message {
  const from = body['from'];
  const own = account.numbers.find((n) => n.number === from);
  if (!own) {
    const owner = core.db.prepare('SELECT account_id FROM own_numbers WHERE number = ?').get(from) as
      { account_id: string } | undefined;
    // Another account's number answers exactly like a number that exists nowhere (no probing),
    // and the attempt is logged.
    if (owner && ctx) core.denied(ctx, 'number', String(from));
    throw invalid('unknown-number', `${String(from)} is not one of this account's numbers.`);
  }
  const toRaw = body['to'];
  const checked = checkOutgoingRecipients({
    to: Array.isArray(toRaw) ? toRaw : [],
    own,
    country: account.country,
    isOptedOut: (n) => core.optedOut(account.id, own.number, n),
  });
  if (!checked.ok) throw core.refused(checked.refusal);
  const text = body['text'] ?? '';
  if (typeof text !== 'string') throw invalid('bad-request', 'text must be a string.');
  const ids = readAttachmentIds(body['attachmentIds'], invalid);
  const refusal = checkOutgoingContent({ text, attachments: ids.length }, checked.policy);
  if (refusal) throw core.refused(refusal);
  const { to: recipients, policy } = checked;
  const uploads = uploadsOf(core, account, ids, policy, ctx);
  const message = core.tx(() => {
    const conv =
      core.findRow(account.id, recipients, own.number) ??
      core.createConversation(account, recipients, own.number);
    const now = Date.now();
    const created: Message = {
      id: core.id('msg'),
      clientId,
      conversationId: conv.id,
      direction: 'outbound',
      from: own.number,
      to: recipients,
      text,
      attachments: uploads.map((u) => u.attachment),
      status: 'queued',
      createdAt: now,
    };
    core.append(conv, created);
    core.writeConversation(conv.id, core.body(conv), core.activity());
    core.db
      .prepare('INSERT INTO sends (account_id, client_id, message_id, body) VALUES (?, ?, ?, ?)')
      .run(account.id, clientId, created.id, JSON.stringify(created));
    const [toSent] = core.options.deliveryMs ?? DEFAULT_DELIVERY_MS;
    core.db
      .prepare(
        'INSERT INTO carrier_jobs (message_id, account_id, next_status, due_at, fails) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        created.id,
        account.id,
        'sent',
        now + toSent,
        carrierFails(core.carrierFailureRate, Math.random()) ? 1 : 0,
      );
    core.emit(account.id, {
      type: 'message.created',
      message: created,
      conversation: core.present(conv.id),
    });
    return created;
  });
  scheduleCarrier(core);
  return message;
}

/**
 * The account's uploads with these ids, checked together against the number's `policy` (the
 * MMS limits): an id this account did not upload is `unknown-attachment` (another account's is
 * logged when a request asked for it).
 */
export function uploadsOf(
  core: ServerCore,
  account: Account,
  ids: readonly string[],
  policy: ResolvedPolicy,
  ctx?: Ctx,
): { attachment: Attachment; detected: DetectedFileType }[] {
  const uploads = ids.map((uploadId) => {
    const row = core.db
      .prepare('SELECT account_id, attachment, detected FROM uploads WHERE id = ?')
      .get(uploadId) as { account_id: string | null; attachment: string; detected: string } | undefined;
    if (row && row.account_id !== account.id && ctx) core.denied(ctx, 'attachment', uploadId);
    if (!row || row.account_id !== account.id) {
      throw invalid('unknown-attachment', 'An attachment was not uploaded (or expired).');
    }
    return {
      attachment: JSON.parse(row.attachment) as Attachment,
      detected: JSON.parse(row.detected) as DetectedFileType,
    };
  });
  const files = uploads.map((u) => ({
    name: u.attachment.name,
    size: u.attachment.size,
    detected: u.detected,
  }));
  const refusal = filesRefusal(files, policy);
  if (refusal) throw core.refused(refusal);
  return uploads;
}
