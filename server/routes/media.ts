// POST /v1/attachments (uploads, checked by content) and GET /v1/media/:id (signed URLs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Attachment } from '../../src/model/attachment.js';
import { resolvePolicy, sniffBytes } from '../../src/rules/index.js';
import { readMediaInfo } from '../../src/rules/media-info.js';
import { mediaPath, mediaSignature } from '../db.js';
import { HttpError, invalid, notFound, sameTokens, HARD_UPLOAD_LIMIT } from '../http.js';
import type { Ctx } from '../http.js';
import { filesRefusal } from '../../src/transport/backend/requests.js';
import type { ServerCore } from '../core.js';

export async function uploadAttachment(core: ServerCore, ctx: Ctx): Promise<Attachment> {
  const params = ctx.url.searchParams;
  const own = ctx.account.numbers.find((n) => n.number === params.get('from'));
  if (!own)
    throw invalid('unknown-number', `${String(params.get('from'))} is not one of this account's numbers.`);
  const name = (params.get('name') ?? '').slice(0, 255) || 'file';
  const policy = resolvePolicy(own);
  const declared = Number(ctx.req.headers['content-length'] ?? NaN);
  // Refuse what can never be sent before reading it, when the size is declared.
  const early = filesRefusal(
    [{ name, size: Number.isFinite(declared) ? declared : 1, detected: null }],
    policy,
    true,
  );
  if (early) {
    await discardBody(ctx.req);
    throw core.refused(early);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > HARD_UPLOAD_LIMIT) {
      ctx.req.destroy();
      throw new HttpError(413, 'file-too-large', 'The file is far too large.');
    }
    if (size > policy.maxFileBytes) over = true;
    else chunks.push(chunk);
  }
  const bytes = over ? Buffer.alloc(0) : Buffer.concat(chunks);
  const detected = over ? null : sniffBytes(bytes.subarray(0, 4100), name);
  const rejected = filesRefusal([{ name, size, detected }], policy);
  if (rejected) throw core.refused(rejected);
  const id = core.id('att');
  const attachment: Attachment = {
    id,
    name,
    type: detected!.mime,
    size,
    url: mediaPath(core.secret, id),
    ...readMediaInfo(bytes),
  };
  core.db
    .prepare(
      'INSERT INTO uploads (id, account_id, attachment, detected, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(id, ctx.account.id, JSON.stringify(attachment), JSON.stringify(detected), bytes, Date.now());
  ctx.res.statusCode = 201;
  return attachment;
}

export async function discardBody(req: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > HARD_UPLOAD_LIMIT) {
      req.destroy();
      return;
    }
  }
}

export function serveMedia(core: ServerCore, res: ServerResponse, id: string, url: URL): void {
  const sig = url.searchParams.get('sig') ?? '';
  if (!sameTokens(sig, mediaSignature(core.secret, id))) throw notFound('No such file.');
  const row = core.db.prepare('SELECT attachment, bytes FROM uploads WHERE id = ?').get(id) as
    { attachment: string; bytes: Buffer } | undefined;
  if (!row) throw notFound('No such file.');
  const attachment = JSON.parse(row.attachment) as Attachment;
  res.writeHead(200, {
    'Content-Type': attachment.type,
    'Content-Length': row.bytes.length,
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  res.end(row.bytes);
}
