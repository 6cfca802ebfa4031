// GET /v1/conversations/:id/messages (pages, around a message), DELETE a message, POST /v1/messages.
import type { Message } from '../../src/model/message.js';
import { aroundWindow, readSeqCursor, seqCursor } from '../../src/transport/backend/cursors.js';
import { invalid, notFound, readJson, pageSize } from '../http.js';
import type { Ctx } from '../http.js';
import type { ServerCore } from '../core.js';
import { deliver } from '../deliver.js';

export function listMessages(core: ServerCore, ctx: Ctx, id: string): Record<string, unknown> {
  const row = core.conversationRow(ctx.account.id, id, ctx);
  const params = ctx.url.searchParams;
  const limit = pageSize(params.get('limit'), 50, 200);
  const before = params.get('before');
  const after = params.get('after');
  const seqOf = (cursor: string) => {
    const seq = readSeqCursor(cursor, id);
    if (seq === undefined) throw invalid('bad-cursor', 'The cursor is not valid for this conversation.');
    return seq;
  };
  type Row = { seq: number; body: string };
  let page: Row[];
  let hasNewer: boolean;
  let newest: number;
  const around = params.get('around');
  if ([before, after, around].filter((v) => v !== null).length > 1) {
    throw invalid('bad-request', 'Give at most one of before, after and around.');
  }
  if (around !== null) {
    const target = core.db
      .prepare('SELECT seq FROM messages WHERE conversation_id = ? AND id = ?')
      .get(id, around) as { seq: number } | undefined;
    if (!target) throw notFound('That message is not in this conversation.');
    const olderRows = core.db
      .prepare(
        'SELECT seq, body FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      )
      .all(id, target.seq, limit) as Row[];
    const newerRows = core.db
      .prepare('SELECT seq, body FROM messages WHERE conversation_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .all(id, target.seq, limit + 1) as Row[];
    const take = aroundWindow(olderRows.length, newerRows.length, limit);
    page = [...olderRows.slice(0, take.older).reverse(), ...newerRows.slice(0, take.newer)];
    hasNewer = newerRows.length > take.newer;
    newest = page.at(-1)!.seq;
  } else if (after) {
    const s = seqOf(after);
    const rows = core.db
      .prepare('SELECT seq, body FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(id, s, limit + 1) as Row[];
    page = rows.slice(0, limit);
    hasNewer = rows.length > limit;
    newest = page.at(-1)?.seq ?? s;
  } else {
    const s = before ? seqOf(before) : Number.MAX_SAFE_INTEGER;
    page = (
      core.db
        .prepare(
          'SELECT seq, body FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(id, s, limit) as Row[]
    ).reverse();
    const last = page.at(-1)?.seq;
    hasNewer =
      last !== undefined
        ? core.db
            .prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? LIMIT 1')
            .get(id, last) !== undefined
        : before !== null &&
          core.db
            .prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq >= ? LIMIT 1')
            .get(id, s) !== undefined;
    newest = last ?? -1;
  }
  const oldest = page[0]?.seq ?? newest + 1;
  const older =
    core.db
      .prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq < ? LIMIT 1')
      .get(id, oldest) !== undefined;
  const cursor = (seq: number) => seqCursor(row.id, seq);
  return {
    messages: page.map((r) => JSON.parse(r.body) as Message),
    olderCursor: older ? cursor(oldest) : null,
    newerCursor: cursor(newest),
    hasNewer,
  };
}

export function deleteMessage(core: ServerCore, ctx: Ctx, conversationId: string, messageId: string): void {
  core.conversationRow(ctx.account.id, conversationId, ctx);
  core.tx(() => {
    const result = core.db
      .prepare('DELETE FROM messages WHERE id = ? AND conversation_id = ?')
      .run(messageId, conversationId);
    if (result.changes === 0) throw notFound('That message does not exist.');
    core.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(messageId);
    core.emit(ctx.account.id, { type: 'message.deleted', conversationId, messageId });
    core.emit(ctx.account.id, {
      type: 'conversation.updated',
      conversation: core.present(conversationId),
    });
  });
}

export async function postMessage(core: ServerCore, ctx: Ctx): Promise<Message | undefined> {
  const body = await readJson(ctx.req);
  const header = ctx.req.headers['idempotency-key'];
  const clientId = typeof header === 'string' ? header : body['clientId'];
  if (typeof clientId !== 'string' || !clientId || clientId.length > 200) {
    throw invalid('bad-request', 'A send needs an Idempotency-Key header (the client id).');
  }
  if (body['clientId'] !== undefined && body['clientId'] !== clientId) {
    throw invalid('bad-request', 'clientId in the body differs from the Idempotency-Key header.');
  }
  const account = ctx.account;
  const known = core.db
    .prepare('SELECT message_id, body FROM sends WHERE account_id = ? AND client_id = ?')
    .get(account.id, clientId) as { message_id: string; body: string } | undefined;
  if (known) {
    const current = core.db.prepare('SELECT body FROM messages WHERE id = ?').get(known.message_id) as
      { body: string } | undefined;
    ctx.res.setHeader('Idempotent-Replayed', 'true');
    return maybeDrop(core, ctx, JSON.parse(current?.body ?? known.body) as Message);
  }
  const message = deliver(core, account, clientId, body, ctx);
  ctx.res.statusCode = 201;
  return maybeDrop(core, ctx, message);
}

/** Fault injection: the message is stored, but the connection is cut before the answer. */
export function maybeDrop(core: ServerCore, ctx: Ctx, message: Message): Message | undefined {
  if (core.dropSendResponses > 0) {
    core.dropSendResponses--;
    core.log({ level: 'info', event: 'dropped-response', messageId: message.id });
    ctx.res.destroy();
    return undefined;
  }
  return message;
}
