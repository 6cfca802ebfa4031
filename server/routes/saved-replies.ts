// /v1/saved-replies: the shared replies of the account and the personal ones of a token.
import { randomUUID } from 'node:crypto';
import type { SavedReply } from '../../src/model/saved-reply.js';
import { readSavedReplyInput } from '../../src/transport/saved-replies.js';
import { invalid, notFound, readJson } from '../http.js';
import type { Ctx } from '../http.js';
import type { ServerCore } from '../core.js';

export function listSavedReplies(core: ServerCore, accountId: string, id?: string): SavedReply[] {
  const rows = core.db
    .prepare(
      `SELECT id, personal, title, text, updated_at FROM saved_replies
       WHERE account_id = ? AND (? IS NULL OR id = ?) ORDER BY title, id`,
    )
    .all(accountId, id ?? null, id ?? null) as {
    id: string;
    personal: number;
    title: string;
    text: string;
    updated_at: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    text: r.text,
    personal: r.personal === 1,
    updatedAt: r.updated_at,
  }));
}

/** A personal reply of the account, or `not-found` / `read-only`. */
export function personalReply(core: ServerCore, accountId: string, id: string): SavedReply {
  const reply = listSavedReplies(core, accountId, id)[0];
  if (!reply) throw notFound('That saved reply does not exist.');
  if (!reply.personal) throw invalid('read-only', 'Shared replies cannot be changed here.');
  return reply;
}

/** `POST /v1/saved-replies` (create, 201) and `PUT /v1/saved-replies/{id}` (change). */
export async function saveReply(core: ServerCore, ctx: Ctx, id: string | undefined): Promise<SavedReply> {
  const body = await readJson(ctx.req);
  let input: { title: string; text: string };
  try {
    input = readSavedReplyInput({ title: body['title'] as string, text: body['text'] as string });
  } catch (error) {
    throw invalid('bad-request', error instanceof Error ? error.message : String(error));
  }
  const reply: SavedReply = {
    id: id === undefined ? `sr-${randomUUID()}` : personalReply(core, ctx.account.id, id).id,
    ...input,
    personal: true,
    updatedAt: Date.now(),
  };
  core.db
    .prepare(
      `INSERT INTO saved_replies (account_id, id, personal, title, text, updated_at) VALUES (?, ?, 1, ?, ?, ?)
       ON CONFLICT (account_id, id) DO UPDATE SET title = excluded.title, text = excluded.text,
         updated_at = excluded.updated_at`,
    )
    .run(ctx.account.id, reply.id, reply.title, reply.text, reply.updatedAt);
  if (id === undefined) ctx.res.statusCode = 201;
  return reply;
}

/** `DELETE /v1/saved-replies/{id}`. */
export function deleteReply(core: ServerCore, ctx: Ctx, id: string): void {
  personalReply(core, ctx.account.id, id);
  core.db.prepare('DELETE FROM saved_replies WHERE account_id = ? AND id = ?').run(ctx.account.id, id);
}
