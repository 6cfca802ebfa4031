// GET /v1/contacts and GET /v1/search/messages (FTS5).
import type { Contact } from '../../src/model/contact.js';
import type { Message } from '../../src/model/message.js';
import { searchContacts } from '../../src/transport/backend/contact-search.js';
import { encodeCursor } from '../../src/transport/backend/cursors.js';
import type { KeysetCursor } from '../../src/transport/backend/cursors.js';
import { parseSearchQuery } from '../../src/transport/search-match.js';
import { invalid, pageSize } from '../http.js';
import type { Ctx } from '../http.js';
import { readKeyset } from '../../src/transport/backend/requests.js';
import type { ServerCore } from '../core.js';

export function findContacts(core: ServerCore, ctx: Ctx): Contact[] {
  const limit = pageSize(ctx.url.searchParams.get('limit'), 20, 100);
  const all = (
    core.db
      .prepare('SELECT body FROM contacts WHERE account_id = ? ORDER BY position')
      .all(ctx.account.id) as {
      body: string;
    }[]
  ).map((r) => JSON.parse(r.body) as Contact);
  return searchContacts(all, ctx.url.searchParams.get('q') ?? '', limit);
}

/** `GET /v1/search/messages?q=&cursor=&limit=`: FTS5, newest first, keyset cursor on (createdAt, id). */
export function findMessages(core: ServerCore, ctx: Ctx): Record<string, unknown> {
  const limit = pageSize(ctx.url.searchParams.get('limit'), 20, 100);
  const query = parseSearchQuery(ctx.url.searchParams.get('q') ?? '');
  const raw = ctx.url.searchParams.get('cursor');
  let after: KeysetCursor | null = null;
  if (raw !== null) after = readKeyset(raw, invalid);
  if (query.kind === 'empty') return { results: [], nextCursor: null };
  // Words and digits are letters and digits only: nothing in them is FTS5 syntax.
  const match =
    query.kind === 'number'
      ? `numbers : "${query.digits}"*`
      : query.words.map((w) => `text : "${w}"*`).join(' AND ');
  const createdAt = "json_extract(m.body, '$.createdAt')";
  const rows = core.db
    .prepare(
      `SELECT m.id, m.body, ${createdAt} AS created_at FROM message_search s
       JOIN messages m ON m.rowid = s.rowid
       WHERE message_search MATCH ? AND m.account_id = ?
         AND (? IS NULL OR ${createdAt} < ? OR (${createdAt} = ? AND m.id < ?))
       ORDER BY ${createdAt} DESC, m.id DESC LIMIT ?`,
    )
    .all(
      match,
      ctx.account.id,
      after?.[0] ?? null,
      after?.[0] ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit + 1,
    ) as {
    id: string;
    body: string;
    created_at: number;
  }[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    results: page.map((r) => {
      const message = JSON.parse(r.body) as Message;
      return { conversationId: message.conversationId, message };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}
