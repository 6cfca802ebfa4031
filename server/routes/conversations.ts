// GET/DELETE /v1/conversations…, read and unread.
import type { Conversation } from '../../src/model/conversation.js';
import { encodeCursor } from '../../src/transport/backend/cursors.js';
import { invalid, pageSize } from '../http.js';
import type { Ctx } from '../http.js';
import { readKeyset } from '../../src/transport/backend/requests.js';
import type { ServerCore } from '../core.js';
import type { ConversationRow } from '../core.js';
import { unschedule } from '../scheduler.js';

export function listConversations(core: ServerCore, ctx: Ctx): Record<string, unknown> {
  const limit = pageSize(ctx.url.searchParams.get('limit'), 30, 100);
  const cursor = ctx.url.searchParams.get('cursor');
  let rows: ConversationRow[];
  if (cursor) {
    const value = readKeyset(cursor, invalid);
    rows = core.db
      .prepare(
        `SELECT * FROM conversations WHERE account_id = ? AND (updated_at < ? OR (updated_at = ? AND id > ?))
         ORDER BY updated_at DESC, id ASC LIMIT ?`,
      )
      .all(ctx.account.id, value[0], value[0], value[1], limit + 1) as ConversationRow[];
  } else {
    rows = core.db
      .prepare('SELECT * FROM conversations WHERE account_id = ? ORDER BY updated_at DESC, id ASC LIMIT ?')
      .all(ctx.account.id, limit + 1) as ConversationRow[];
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page.map((r) => core.present(r.id)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.updated_at, last.id]) : null,
  };
}

export function findConversation(core: ServerCore, ctx: Ctx): Record<string, unknown> {
  const raw = ctx.url.searchParams.getAll('participant');
  if (raw.length === 0) throw invalid('bad-request', 'Give at least one participant.');
  const from = ctx.url.searchParams.get('from') ?? undefined;
  const row = core.findRow(ctx.account.id, raw, from);
  return { conversation: row ? core.present(row.id) : null };
}

export function getConversation(core: ServerCore, ctx: Ctx, id: string): Conversation {
  return core.present(core.conversationRow(ctx.account.id, id, ctx).id);
}

export function deleteConversation(core: ServerCore, ctx: Ctx, id: string): void {
  core.conversationRow(ctx.account.id, id, ctx);
  core.tx(() => {
    core.db
      .prepare(
        'DELETE FROM carrier_jobs WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)',
      )
      .run(id);
    const scheduled = core.db.prepare('SELECT id FROM scheduled WHERE conversation_id = ?').all(id) as {
      id: string;
    }[];
    for (const s of scheduled) unschedule(core, s.id, 'cancelled');
    core.db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id);
    core.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
    core.emit(ctx.account.id, { type: 'conversation.deleted', conversationId: id });
  });
}

export function setUnread(core: ServerCore, ctx: Ctx, id: string, next: (n: number) => number): Conversation {
  const row = core.conversationRow(ctx.account.id, id, ctx);
  const body = core.body(row);
  const unreadCount = next(body.unreadCount);
  if (unreadCount !== body.unreadCount) {
    core.tx(() => {
      core.writeConversation(id, { ...body, unreadCount });
      core.emit(ctx.account.id, { type: 'conversation.updated', conversation: core.present(id) });
    });
  }
  return core.present(id);
}
