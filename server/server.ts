// The reference server of the HTTP protocol (docs/http-protocol.md, docs/openapi.yaml).
// Plain node:http, SQLite through better-sqlite3, the same rules as the client (src/rules):
// the server never trusts what a client sends.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account } from '../src/model/account.js';
import type { Attachment } from '../src/model/attachment.js';
import type { Contact } from '../src/model/contact.js';
import type { Conversation } from '../src/model/conversation.js';
import type { Message, MessageFailure, MessageStatus } from '../src/model/message.js';
import type { SavedReply } from '../src/model/saved-reply.js';
import { checkAttachments, parsePhoneNumber, resolvePolicy, sniffBytes } from '../src/rules/index.js';
import type { AttachmentViolation, DetectedFileType, ResolvedPolicy } from '../src/rules/index.js';
import { optOutKeyword, optedOutMessage } from '../src/rules/opt-out.js';
import {
  backendCode,
  checkOutgoingContent,
  checkOutgoingRecipients,
  policyRefusal,
  textRefusal,
} from '../src/rules/outgoing-message.js';
import type { OutgoingRefusalCode } from '../src/rules/outgoing-message.js';
import { readMediaInfo } from '../src/rules/media-info.js';
import type { ScheduledMessage, ScheduledRemovedReason, TransportEvent } from '../src/transport/transport.js';
import { readSavedReplyInput } from '../src/transport/saved-replies.js';
import {
  afterSent,
  carrierFails,
  carrierStep,
  DEFAULT_DELIVERY_MS,
} from '../src/transport/backend/carrier.js';
import { searchContacts } from '../src/transport/backend/contact-search.js';
import {
  aroundWindow,
  encodeCursor,
  readKeysetCursor,
  readLimit,
  readSeqCursor,
  seqCursor,
} from '../src/transport/backend/cursors.js';
import type { KeysetCursor } from '../src/transport/backend/cursors.js';
import { parseSearchQuery } from '../src/transport/search-match.js';
import { mediaPath, mediaSignature, openDatabase, participantsKey } from './db.js';
import type { Db } from './db.js';

/** One line of the server's log. `event` names what happened; the rest depends on it. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly [key: string]: unknown;
}

/** Options of {@link createReferenceServer}; all optional. */
export interface ReferenceServerOptions {
  /** Database file, `:memory:` (the default), or an open database. */
  readonly database?: string | Db;
  /** Seed and size of the demo data written into a new database. */
  readonly seed?: number;
  readonly conversations?: number;
  /** Bearer tokens to accept, token → account id (added to those stored in the database). */
  readonly tokens?: Readonly<Record<string, string>>;
  /** Key of the `/admin` routes (header `X-Admin-Key`); without one they answer 404. */
  readonly adminKey?: string;
  /** Carrier delays in ms: queued → sent, then sent → delivered/failed (default [300, 900]). */
  readonly deliveryMs?: readonly [number, number];
  /** Share (0–1) of outbound messages the carrier fails (default 0). */
  readonly carrierFailureRate?: number;
  /** Requests allowed per token in each window (default 600 a minute); `false` for no limit. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number } | false;
  /** `Access-Control-Allow-Origin` (default `*`: tokens travel in a header, never in cookies). */
  readonly corsOrigin?: string;
  /** Origin used in attachment URLs (default: the origin the request was sent to). */
  readonly publicUrl?: string;
  /** How long events are kept for resuming streams (default 24 h). */
  readonly eventRetentionMs?: number;
  /** Comment lines on idle event streams, in ms (default 15 000). */
  readonly heartbeatMs?: number;
  /** Where log lines go (default: one JSON line each on stderr). */
  readonly log?: (entry: LogEntry) => void;
}

/** What {@link ReferenceServer.receive} takes. */
export interface InboundRequest {
  readonly accountId: string;
  /** Sender (E.164). Default: a participant of `conversationId`. */
  readonly from?: string;
  /** Own number that receives (default: the conversation's, or the account's first number). */
  readonly to?: string;
  readonly conversationId?: string;
  readonly text: string;
}

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.extra = extra;
  }
}

const invalid = (code: string, message: string) => new HttpError(400, code, message);
const notFound = (message: string) => new HttpError(404, 'not-found', message);

interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly origin: string;
  readonly account: Account;
  readonly token: string;
}

interface ConversationRow {
  id: string;
  account_id: string;
  own_number: string;
  participants_key: string;
  updated_at: number;
  next_seq: number;
  body: string;
}

interface StoredConversation {
  id: string;
  participants: string[];
  ownNumber: string;
  names: Record<string, string>;
  title?: string;
  unreadCount: number;
  optedOut: string[];
}

interface Stream {
  readonly accountId: string;
  readonly res: ServerResponse;
  readonly origin: string;
}

type Handler = (ctx: Ctx, params: string[]) => Promise<unknown> | unknown;

const MAX_JSON_BYTES = 64 * 1024;
/** An upload larger than this is cut off without reading the rest. */
const HARD_UPLOAD_LIMIT = 32 * 1024 * 1024;

/** A page size from the query string (see {@link readLimit}); anything but a number is refused. */
function pageSize(raw: string | null, fallback: number, max: number): number {
  const limit = readLimit(raw, fallback, max);
  if (limit === undefined) throw invalid('bad-request', 'limit must be a number.');
  return limit;
}

/** The position in a keyset cursor; a cursor that is none is refused. */
function keyset(cursor: string): KeysetCursor {
  const value = readKeysetCursor(cursor);
  if (!value) throw invalid('bad-cursor', 'The cursor is not valid.');
  return value;
}

/**
 * The text of a scheduled message with `attachments` files: at most MAX_TEXT characters, not
 * blank unless there is a file.
 */
function scheduledText(text: unknown, attachments: number): string {
  if (typeof text !== 'string') throw invalid('bad-request', 'text must be a string.');
  const refusal = textRefusal(text, attachments);
  if (refusal) throw invalid(refusal.code, refusal.message);
  return text;
}

/** The `attachmentIds` of a send or a scheduled message: a list of ids (absent: none), without repeats. */
function attachmentIdsOf(value: unknown): string[] {
  const raw = value ?? [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    throw invalid('bad-request', 'attachmentIds must be a list of ids.');
  }
  return [...new Set(raw as string[])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameTokens(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The reference server: REST + server-sent events over `node:http`, data in SQLite. Create it
 * with {@link createReferenceServer}, then `await server.listen(port)`.
 */
export class ReferenceServer {
  readonly db: Db;
  readonly #options: ReferenceServerOptions;
  readonly #http: Server;
  readonly #streams = new Set<Stream>();
  readonly #pending: { accountId: string; event: TransportEvent }[] = [];
  readonly #rate = new Map<string, { start: number; count: number }>();
  readonly #secret: string;
  readonly #ownsDb: boolean;
  #carrierTimer: ReturnType<typeof setTimeout> | undefined;
  #scheduledTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastActivity = 0;
  #carrierFailureRate: number;
  #dropSendResponses = 0;
  #rateLimitNext = 0;
  #closed = false;
  readonly #routes: [string, RegExp, Handler][];

  constructor(options: ReferenceServerOptions = {}) {
    this.#options = options;
    this.#ownsDb = typeof options.database !== 'object';
    this.db =
      typeof options.database === 'object'
        ? options.database
        : openDatabase({ file: options.database, seed: options.seed, conversations: options.conversations });
    this.#secret = (
      this.db.prepare("SELECT value FROM meta WHERE key = 'media-secret'").get() as { value: string }
    ).value;
    const insertToken = this.db.prepare('INSERT OR REPLACE INTO tokens (token, account_id) VALUES (?, ?)');
    for (const [token, accountId] of Object.entries(options.tokens ?? {})) {
      this.#account(accountId);
      insertToken.run(token, accountId);
    }
    this.#carrierFailureRate = Math.max(0, Math.min(1, options.carrierFailureRate ?? 0));
    const last = this.db.prepare('SELECT MAX(updated_at) AS t FROM conversations').get() as {
      t: number | null;
    };
    this.#lastActivity = last.t ?? 0;
    this.#pruneEvents();
    this.#routes = this.#makeRoutes();
    this.#http = createServer((req, res) => void this.#serve(req, res));
    this.#http.on('clientError', (_error, socket) => socket.destroy());
  }

  /** Starts listening; resolves with the base URL, e.g. `http://127.0.0.1:8787`. */
  listen(port = 0, host = '127.0.0.1'): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(port, host, () => {
        this.#http.off('error', reject);
        const address = this.#http.address() as AddressInfo;
        this.#scheduleCarrier();
        // Scheduled messages survive restarts: re-arm, and send the overdue ones now.
        this.#armScheduled();
        this.#heartbeat = setInterval(() => {
          for (const s of this.#streams) s.res.write(': ping\n\n');
        }, this.#options.heartbeatMs ?? 15_000);
        this.#log({ level: 'info', event: 'listening', port: address.port, host });
        resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
      });
    });
  }

  /** Stops listening, ends every connection (event streams too) and closes the database it opened. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#carrierTimer);
    clearTimeout(this.#scheduledTimer);
    clearInterval(this.#heartbeat);
    for (const s of this.#streams) s.res.destroy();
    this.#streams.clear();
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
    if (this.#ownsDb) this.db.close();
  }

  // ── operations for tests, the admin routes and the demo ────────────

  /** A new bearer token of `accountId`, valid for `ttlMs` (default: until revoked). */
  issueToken(accountId: string, ttlMs?: number): string {
    this.#account(accountId);
    const token = randomBytes(24).toString('base64url');
    this.db
      .prepare('INSERT INTO tokens (token, account_id, expires_at) VALUES (?, ?, ?)')
      .run(token, accountId, ttlMs === undefined ? null : Date.now() + ttlMs);
    return token;
  }

  revokeToken(token: string): void {
    this.db.prepare('DELETE FROM tokens WHERE token = ?').run(token);
  }

  /** Ends the open event streams (of one account, or all), as a proxy or a crash would. */
  dropEventStreams(accountId?: string): number {
    let dropped = 0;
    for (const s of [...this.#streams]) {
      if (accountId && s.accountId !== accountId) continue;
      s.res.destroy();
      this.#streams.delete(s);
      dropped++;
    }
    return dropped;
  }

  /** The next `count` sends are stored, then their connection is cut before the answer. */
  dropNextSendResponses(count: number): void {
    this.#dropSendResponses = Math.max(0, count);
  }

  /**
   * The next `count` API requests (of any account; the event stream excepted) answer 429
   * `rate-limited` with `Retry-After: 1`, as the real limit would; later requests are answered.
   */
  rateLimitNext(count: number): void {
    this.#rateLimitNext = Math.max(0, count);
  }

  setCarrierFailureRate(rate: number): void {
    this.#carrierFailureRate = Math.max(0, Math.min(1, rate));
  }

  /** An inbound text, as if someone texted the account (STOP/START opt them out and in). */
  receive(request: InboundRequest): Message {
    const account = this.#account(request.accountId);
    const accountId = account.id;
    if (typeof request.text !== 'string') throw invalid('bad-request', 'text must be a string.');
    let row: ConversationRow | undefined;
    let from = request.from;
    let to = request.to;
    if (request.conversationId) {
      row = this.#conversationRow(accountId, request.conversationId);
      const c = JSON.parse(row.body) as StoredConversation;
      from ??= c.participants[0];
      if (!from || !c.participants.includes(from)) {
        throw invalid('invalid-sender', `${String(from)} is not in that conversation.`);
      }
      to = c.ownNumber;
    }
    const parsed = typeof from === 'string' ? parsePhoneNumber(from, account.country) : null;
    if (!parsed?.ok || parsed.e164 !== from) throw invalid('invalid-sender', 'from must be an E.164 number.');
    to ??=
      (
        this.db
          .prepare(
            'SELECT own_number FROM conversations WHERE account_id = ? AND participants_key = ? ORDER BY updated_at DESC',
          )
          .get(accountId, participantsKey([from])) as { own_number: string } | undefined
      )?.own_number ?? account.numbers[0]?.number;
    if (!to || !account.numbers.some((n) => n.number === to)) {
      throw invalid('unknown-number', `${String(to)} is not one of this account's numbers.`);
    }
    const own = to;
    const sender = from;
    const text = request.text;
    return this.#tx(() => {
      const conv =
        row ?? this.#findRow(accountId, [sender], own) ?? this.#createConversation(account, [sender], own);
      const message: Message = {
        id: this.#id('msg'),
        conversationId: conv.id,
        direction: 'inbound',
        from: sender,
        to: [own],
        text,
        attachments: [],
        status: 'delivered',
        createdAt: Date.now(),
      };
      this.#append(conv, message);
      const body = this.#body(conv);
      body.unreadCount += 1;
      this.#writeConversation(conv.id, body, this.#activity());
      this.#emit(accountId, {
        type: 'message.created',
        message,
        conversation: this.#present(conv.id),
      });
      const replied = this.db
        .prepare('SELECT id FROM scheduled WHERE conversation_id = ? AND cancel_if_replied = 1')
        .all(conv.id) as { id: string }[];
      for (const { id } of replied) this.#unschedule(id, 'replied');
      const keyword = optOutKeyword(text);
      if (keyword) {
        if (keyword === 'opt-out') {
          this.db
            .prepare('INSERT OR IGNORE INTO opt_outs (account_id, own_number, sender) VALUES (?, ?, ?)')
            .run(accountId, own, sender);
        } else {
          this.db
            .prepare('DELETE FROM opt_outs WHERE account_id = ? AND own_number = ? AND sender = ?')
            .run(accountId, own, sender);
        }
        const rows = this.db
          .prepare('SELECT * FROM conversations WHERE account_id = ? AND own_number = ?')
          .all(accountId, own) as ConversationRow[];
        for (const other of rows) {
          const c = JSON.parse(other.body) as StoredConversation;
          if (!c.participants.includes(sender)) continue;
          const optedOut = c.participants.filter((p) => this.#optedOut(accountId, own, p));
          if (optedOut.join() === (c.optedOut ?? []).join()) continue;
          this.#writeConversation(other.id, { ...c, optedOut });
          this.#emit(accountId, { type: 'conversation.updated', conversation: this.#present(other.id) });
        }
      }
      return message;
    });
  }

  // ── HTTP ───────────────────────────────────────────────────────────

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    try {
      res.setHeader('Access-Control-Allow-Origin', this.#options.corsOrigin ?? '*');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers':
            'Authorization, Content-Type, Idempotency-Key, Last-Event-ID, X-Admin-Key',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      if (url.pathname === '/healthz') return this.#json(res, 200, { ok: true });
      if (url.pathname.startsWith('/admin/')) return await this.#admin(req, res, url);
      const media = /^\/v1\/media\/([^/]+)$/.exec(url.pathname);
      if (media && req.method === 'GET') return this.#media(res, decodeURIComponent(media[1]!), url);
      const ctx = this.#authenticate(req, res, url);
      if (url.pathname === '/v1/events' && req.method === 'GET') return this.#events(ctx);
      this.#limit(ctx);
      for (const [method, pattern, handler] of this.#routes) {
        const match = pattern.exec(url.pathname);
        if (!match) continue;
        if (req.method !== method) continue;
        const result = await handler(ctx, match.slice(1).map(decodeURIComponent));
        if (res.writableEnded || res.destroyed) return;
        if (result === undefined) {
          res.writeHead(204);
          res.end();
        } else {
          this.#json(res, res.statusCode === 201 ? 201 : 200, this.#absolute(result, ctx.origin));
        }
        return;
      }
      const known = this.#routes.some(([, pattern]) => pattern.test(url.pathname));
      throw known
        ? new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}.`)
        : new HttpError(404, 'not-found', `There is no route ${url.pathname}.`);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        if (error.status >= 500) this.#log({ level: 'error', event: 'error', message: error.message });
        for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
        this.#json(res, error.status, {
          error: { code: error.code, message: error.message, ...error.extra },
        });
      } else {
        this.#log({
          level: 'error',
          event: 'internal-error',
          method: req.method,
          path: req.url,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        this.#json(res, 500, { error: { code: 'internal', message: 'The server failed; try again.' } });
      }
    } finally {
      if (Date.now() - started > 1000) {
        this.#log({ level: 'info', event: 'slow-request', path: req.url, ms: Date.now() - started });
      }
    }
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    });
    res.end(text);
  }

  #authenticate(req: IncomingMessage, res: ServerResponse, url: URL): Ctx {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const unauthorized = (message: string) =>
      new HttpError(401, 'unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="sms"' });
    if (!match) throw unauthorized('Sign in: send Authorization: Bearer <token>.');
    const token = match[1]!;
    const row = this.db.prepare('SELECT account_id, expires_at FROM tokens WHERE token = ?').get(token) as
      { account_id: string; expires_at: number | null } | undefined;
    if (!row || (row.expires_at !== null && row.expires_at <= Date.now())) {
      throw unauthorized(row ? 'The token has expired.' : 'The token is not valid.');
    }
    const account = this.#account(row.account_id);
    const origin =
      this.#options.publicUrl?.replace(/\/+$/, '') ??
      `${(req.headers['x-forwarded-proto'] as string | undefined) ?? 'http'}://${req.headers.host ?? 'localhost'}`;
    return { req, res, url, origin, account, token };
  }

  #limit(ctx: Ctx): void {
    if (this.#rateLimitNext > 0) {
      this.#rateLimitNext--;
      this.#log({ level: 'warn', event: 'rate-limited', accountId: ctx.account.id, retryAfterMs: 1000 });
      throw new HttpError(
        429,
        'rate-limited',
        'Too many requests; try again later.',
        { 'Retry-After': '1' },
        { retryAfterMs: 1000 },
      );
    }
    const config = this.#options.rateLimit ?? { limit: 600, windowMs: 60_000 };
    if (config === false) return;
    const now = Date.now();
    let bucket = this.#rate.get(ctx.token);
    if (!bucket || now - bucket.start >= config.windowMs) {
      bucket = { start: now, count: 0 };
      this.#rate.set(ctx.token, bucket);
    }
    bucket.count++;
    if (bucket.count > config.limit) {
      const retryAfterMs = Math.max(1, bucket.start + config.windowMs - now);
      this.#log({ level: 'warn', event: 'rate-limited', accountId: ctx.account.id, retryAfterMs });
      throw new HttpError(
        429,
        'rate-limited',
        'Too many requests; try again later.',
        { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) },
        { retryAfterMs },
      );
    }
  }

  #makeRoutes(): [string, RegExp, Handler][] {
    const id = '([^/]+)';
    return [
      ['GET', /^\/v1\/account$/, (ctx) => ctx.account],
      ['GET', /^\/v1\/conversations$/, (ctx) => this.#listConversations(ctx)],
      ['GET', /^\/v1\/conversations\/find$/, (ctx) => this.#findConversation(ctx)],
      ['GET', new RegExp(`^/v1/conversations/${id}$`), (ctx, [c]) => this.#getConversation(ctx, c!)],
      ['DELETE', new RegExp(`^/v1/conversations/${id}$`), (ctx, [c]) => this.#deleteConversation(ctx, c!)],
      ['POST', new RegExp(`^/v1/conversations/${id}/read$`), (ctx, [c]) => this.#setUnread(ctx, c!, () => 0)],
      [
        'POST',
        new RegExp(`^/v1/conversations/${id}/unread$`),
        (ctx, [c]) => this.#setUnread(ctx, c!, (n) => Math.max(1, n)),
      ],
      ['GET', new RegExp(`^/v1/conversations/${id}/messages$`), (ctx, [c]) => this.#listMessages(ctx, c!)],
      [
        'DELETE',
        new RegExp(`^/v1/conversations/${id}/messages/${id}$`),
        (ctx, [c, m]) => this.#deleteMessage(ctx, c!, m!),
      ],
      ['POST', /^\/v1\/messages$/, (ctx) => this.#send(ctx)],
      ['POST', /^\/v1\/attachments$/, (ctx) => this.#upload(ctx)],
      ['GET', /^\/v1\/contacts$/, (ctx) => this.#searchContacts(ctx)],
      ['GET', /^\/v1\/search\/messages$/, (ctx) => this.#searchMessages(ctx)],
      ['POST', /^\/v1\/scheduled$/, (ctx) => this.#schedule(ctx)],
      ['GET', /^\/v1\/scheduled$/, (ctx) => this.#listScheduled(ctx)],
      ['PATCH', new RegExp(`^/v1/scheduled/${id}$`), (ctx, [m]) => this.#updateScheduled(ctx, m!)],
      ['DELETE', new RegExp(`^/v1/scheduled/${id}$`), (ctx, [m]) => this.#cancelScheduled(ctx, m!)],
      ['POST', new RegExp(`^/v1/scheduled/${id}/send$`), (ctx, [m]) => this.#sendScheduledNow(ctx, m!)],
      ['GET', /^\/v1\/saved-replies$/, (ctx) => ({ replies: this.#savedReplies(ctx.account.id) })],
      ['POST', /^\/v1\/saved-replies$/, (ctx) => this.#saveReply(ctx, undefined)],
      ['PUT', new RegExp(`^/v1/saved-replies/${id}$`), (ctx, [r]) => this.#saveReply(ctx, r!)],
      ['DELETE', new RegExp(`^/v1/saved-replies/${id}$`), (ctx, [r]) => this.#deleteReply(ctx, r!)],
    ];
  }

  async #readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const type = req.headers['content-type'] ?? '';
    if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw new HttpError(415, 'unsupported-media-type', 'Send the body as application/json.');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        throw new HttpError(413, 'body-too-large', `A JSON body may have at most ${MAX_JSON_BYTES} bytes.`);
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(
        'malformed-json',
        `The request body is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
      );
    }
    if (!isRecord(value)) throw invalid('malformed-json', 'The request body must be a JSON object.');
    return value;
  }

  // ── handlers ──────────────────────────────────────────────────────

  #listConversations(ctx: Ctx): Record<string, unknown> {
    const limit = pageSize(ctx.url.searchParams.get('limit'), 30, 100);
    const cursor = ctx.url.searchParams.get('cursor');
    let rows: ConversationRow[];
    if (cursor) {
      const value = keyset(cursor);
      rows = this.db
        .prepare(
          `SELECT * FROM conversations WHERE account_id = ? AND (updated_at < ? OR (updated_at = ? AND id > ?))
           ORDER BY updated_at DESC, id ASC LIMIT ?`,
        )
        .all(ctx.account.id, value[0], value[0], value[1], limit + 1) as ConversationRow[];
    } else {
      rows = this.db
        .prepare('SELECT * FROM conversations WHERE account_id = ? ORDER BY updated_at DESC, id ASC LIMIT ?')
        .all(ctx.account.id, limit + 1) as ConversationRow[];
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((r) => this.#present(r.id)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.updated_at, last.id]) : null,
    };
  }

  #findConversation(ctx: Ctx): Record<string, unknown> {
    const raw = ctx.url.searchParams.getAll('participant');
    if (raw.length === 0) throw invalid('bad-request', 'Give at least one participant.');
    const from = ctx.url.searchParams.get('from') ?? undefined;
    const row = this.#findRow(ctx.account.id, raw, from);
    return { conversation: row ? this.#present(row.id) : null };
  }

  #getConversation(ctx: Ctx, id: string): Conversation {
    return this.#present(this.#conversationRow(ctx.account.id, id, ctx).id);
  }

  #deleteConversation(ctx: Ctx, id: string): void {
    this.#conversationRow(ctx.account.id, id, ctx);
    this.#tx(() => {
      this.db
        .prepare(
          'DELETE FROM carrier_jobs WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)',
        )
        .run(id);
      const scheduled = this.db.prepare('SELECT id FROM scheduled WHERE conversation_id = ?').all(id) as {
        id: string;
      }[];
      for (const s of scheduled) this.#unschedule(s.id, 'cancelled');
      this.db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id);
      this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
      this.#emit(ctx.account.id, { type: 'conversation.deleted', conversationId: id });
    });
  }

  #setUnread(ctx: Ctx, id: string, next: (n: number) => number): Conversation {
    const row = this.#conversationRow(ctx.account.id, id, ctx);
    const body = this.#body(row);
    const unreadCount = next(body.unreadCount);
    if (unreadCount !== body.unreadCount) {
      this.#tx(() => {
        this.#writeConversation(id, { ...body, unreadCount });
        this.#emit(ctx.account.id, { type: 'conversation.updated', conversation: this.#present(id) });
      });
    }
    return this.#present(id);
  }

  #listMessages(ctx: Ctx, id: string): Record<string, unknown> {
    const row = this.#conversationRow(ctx.account.id, id, ctx);
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
      const target = this.db
        .prepare('SELECT seq FROM messages WHERE conversation_id = ? AND id = ?')
        .get(id, around) as { seq: number } | undefined;
      if (!target) throw notFound('That message is not in this conversation.');
      const olderRows = this.db
        .prepare(
          'SELECT seq, body FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(id, target.seq, limit) as Row[];
      const newerRows = this.db
        .prepare('SELECT seq, body FROM messages WHERE conversation_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
        .all(id, target.seq, limit + 1) as Row[];
      const take = aroundWindow(olderRows.length, newerRows.length, limit);
      page = [...olderRows.slice(0, take.older).reverse(), ...newerRows.slice(0, take.newer)];
      hasNewer = newerRows.length > take.newer;
      newest = page.at(-1)!.seq;
    } else if (after) {
      const s = seqOf(after);
      const rows = this.db
        .prepare('SELECT seq, body FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?')
        .all(id, s, limit + 1) as Row[];
      page = rows.slice(0, limit);
      hasNewer = rows.length > limit;
      newest = page.at(-1)?.seq ?? s;
    } else {
      const s = before ? seqOf(before) : Number.MAX_SAFE_INTEGER;
      page = (
        this.db
          .prepare(
            'SELECT seq, body FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
          )
          .all(id, s, limit) as Row[]
      ).reverse();
      const last = page.at(-1)?.seq;
      hasNewer =
        last !== undefined
          ? this.db
              .prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? LIMIT 1')
              .get(id, last) !== undefined
          : before !== null &&
            this.db
              .prepare('SELECT 1 FROM messages WHERE conversation_id = ? AND seq >= ? LIMIT 1')
              .get(id, s) !== undefined;
      newest = last ?? -1;
    }
    const oldest = page[0]?.seq ?? newest + 1;
    const older =
      this.db
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

  #deleteMessage(ctx: Ctx, conversationId: string, messageId: string): void {
    this.#conversationRow(ctx.account.id, conversationId, ctx);
    this.#tx(() => {
      const result = this.db
        .prepare('DELETE FROM messages WHERE id = ? AND conversation_id = ?')
        .run(messageId, conversationId);
      if (result.changes === 0) throw notFound('That message does not exist.');
      this.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(messageId);
      this.#emit(ctx.account.id, { type: 'message.deleted', conversationId, messageId });
      this.#emit(ctx.account.id, {
        type: 'conversation.updated',
        conversation: this.#present(conversationId),
      });
    });
  }

  async #send(ctx: Ctx): Promise<Message | undefined> {
    const body = await this.#readJson(ctx.req);
    const header = ctx.req.headers['idempotency-key'];
    const clientId = typeof header === 'string' ? header : body['clientId'];
    if (typeof clientId !== 'string' || !clientId || clientId.length > 200) {
      throw invalid('bad-request', 'A send needs an Idempotency-Key header (the client id).');
    }
    if (body['clientId'] !== undefined && body['clientId'] !== clientId) {
      throw invalid('bad-request', 'clientId in the body differs from the Idempotency-Key header.');
    }
    const account = ctx.account;
    const known = this.db
      .prepare('SELECT message_id, body FROM sends WHERE account_id = ? AND client_id = ?')
      .get(account.id, clientId) as { message_id: string; body: string } | undefined;
    if (known) {
      const current = this.db.prepare('SELECT body FROM messages WHERE id = ?').get(known.message_id) as
        { body: string } | undefined;
      ctx.res.setHeader('Idempotent-Replayed', 'true');
      return this.#maybeDrop(ctx, JSON.parse(current?.body ?? known.body) as Message);
    }
    const message = this.#deliver(account, clientId, body, ctx);
    ctx.res.statusCode = 201;
    return this.#maybeDrop(ctx, message);
  }

  /**
   * Validates and stores an outbound message (and its carrier job), emitting `message.created`:
   * the one path of every send, from `POST /v1/messages` and from the scheduled-message timer.
   */
  #deliver(account: Account, clientId: string, body: Record<string, unknown>, ctx?: Ctx): Message {
    const from = body['from'];
    const own = account.numbers.find((n) => n.number === from);
    if (!own) {
      const owner = this.db.prepare('SELECT account_id FROM own_numbers WHERE number = ?').get(from) as
        { account_id: string } | undefined;
      // Another account's number answers exactly like a number that exists nowhere (no probing),
      // and the attempt is logged.
      if (owner && ctx) this.#denied(ctx, 'number', String(from));
      throw invalid('unknown-number', `${String(from)} is not one of this account's numbers.`);
    }
    const toRaw = body['to'];
    const checked = checkOutgoingRecipients({
      to: Array.isArray(toRaw) ? toRaw : [],
      own,
      country: account.country,
      isOptedOut: (n) => this.#optedOut(account.id, own.number, n),
    });
    if (!checked.ok) throw this.#refused(checked.refusal);
    const text = body['text'] ?? '';
    if (typeof text !== 'string') throw invalid('bad-request', 'text must be a string.');
    const ids = attachmentIdsOf(body['attachmentIds']);
    const refusal = checkOutgoingContent({ text, attachments: ids.length }, checked.policy);
    if (refusal) throw this.#refused(refusal);
    const { to: recipients, policy } = checked;
    const uploads = this.#uploadsOf(account, ids, policy, ctx);
    const message = this.#tx(() => {
      const conv =
        this.#findRow(account.id, recipients, own.number) ??
        this.#createConversation(account, recipients, own.number);
      const now = Date.now();
      const created: Message = {
        id: this.#id('msg'),
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
      this.#append(conv, created);
      this.#writeConversation(conv.id, this.#body(conv), this.#activity());
      this.db
        .prepare('INSERT INTO sends (account_id, client_id, message_id, body) VALUES (?, ?, ?, ?)')
        .run(account.id, clientId, created.id, JSON.stringify(created));
      const [toSent] = this.#options.deliveryMs ?? DEFAULT_DELIVERY_MS;
      this.db
        .prepare(
          'INSERT INTO carrier_jobs (message_id, account_id, next_status, due_at, fails) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          created.id,
          account.id,
          'sent',
          now + toSent,
          carrierFails(this.#carrierFailureRate, Math.random()) ? 1 : 0,
        );
      this.#emit(account.id, {
        type: 'message.created',
        message: created,
        conversation: this.#present(conv.id),
      });
      return created;
    });
    this.#scheduleCarrier();
    return message;
  }

  /**
   * The account's uploads with these ids, checked together against the number's `policy` (the
   * MMS limits): an id this account did not upload is `unknown-attachment` (another account's is
   * logged when a request asked for it).
   */
  #uploadsOf(
    account: Account,
    ids: readonly string[],
    policy: ResolvedPolicy,
    ctx?: Ctx,
  ): { attachment: Attachment; detected: DetectedFileType }[] {
    const uploads = ids.map((uploadId) => {
      const row = this.db
        .prepare('SELECT account_id, attachment, detected FROM uploads WHERE id = ?')
        .get(uploadId) as { account_id: string | null; attachment: string; detected: string } | undefined;
      if (row && row.account_id !== account.id && ctx) this.#denied(ctx, 'attachment', uploadId);
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
    const rejected = checkAttachments([], files, policy).rejected[0];
    if (rejected) throw this.#violation(rejected.violation, policy);
    return uploads;
  }

  // ── send later ────────────────────────────────────────────────────

  /** `POST /v1/scheduled` (`Idempotency-Key`): schedules a text in one of the account's conversations. */
  async #schedule(ctx: Ctx): Promise<ScheduledMessage> {
    const body = await this.#readJson(ctx.req);
    const header = ctx.req.headers['idempotency-key'];
    const clientId = typeof header === 'string' ? header : body['clientId'];
    if (typeof clientId !== 'string' || !clientId || clientId.length > 200) {
      throw invalid('bad-request', 'Scheduling needs an Idempotency-Key header (the client id).');
    }
    const accountId = ctx.account.id;
    const known = this.db
      .prepare('SELECT body FROM scheduled WHERE account_id = ? AND client_id = ?')
      .get(accountId, clientId) as { body: string } | undefined;
    if (known) {
      ctx.res.setHeader('Idempotent-Replayed', 'true');
      return JSON.parse(known.body) as ScheduledMessage;
    }
    if (
      this.db.prepare('SELECT 1 FROM sends WHERE account_id = ? AND client_id = ?').get(accountId, clientId)
    ) {
      throw new HttpError(409, 'already-scheduled', 'That message was already scheduled, and sent since.');
    }
    const conversationId = body['conversationId'];
    if (typeof conversationId !== 'string') throw invalid('bad-request', 'conversationId must be a string.');
    const row = this.#conversationRow(accountId, conversationId, ctx);
    const sendAt = this.#sendAt(body['sendAt']);
    const cancel = body['cancelIfReplied'];
    if (cancel !== undefined && typeof cancel !== 'boolean') {
      throw invalid('bad-request', 'cancelIfReplied must be true or false.');
    }
    const conv = this.#body(row);
    const optedOut = conv.participants.filter((p) => this.#optedOut(accountId, conv.ownNumber, p));
    if (optedOut.length) {
      throw invalid('recipient-opted-out', optedOutMessage(optedOut));
    }
    // The files were uploaded before (as for a send) and stay until it is sent: see decision 0015.
    const ids = attachmentIdsOf(body['attachmentIds']);
    const own = ctx.account.numbers.find((n) => n.number === conv.ownNumber);
    if (!own) throw invalid('unknown-number', `${conv.ownNumber} is not one of this account's numbers.`);
    const policy = resolvePolicy(own);
    const mms = checkOutgoingContent({ text: '', attachments: ids.length }, policy);
    if (mms && mms.code !== 'empty-message') throw this.#refused(mms);
    const attachments = this.#uploadsOf(ctx.account, ids, policy, ctx).map((u) => u.attachment);
    const text = scheduledText(body['text'], attachments.length);
    const now = Date.now();
    const scheduled: ScheduledMessage = {
      id: this.#id('sch'),
      clientId,
      conversationId,
      text,
      attachments,
      sendAt,
      cancelIfReplied: cancel === true,
      createdAt: now,
      updatedAt: now,
    };
    this.#tx(() => {
      this.db
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
      this.#emit(accountId, { type: 'scheduled.updated', scheduled });
    });
    this.#armScheduled();
    ctx.res.statusCode = 201;
    return scheduled;
  }

  /** `GET /v1/scheduled?conversationId=`: soonest first. */
  #listScheduled(ctx: Ctx): { scheduled: ScheduledMessage[] } {
    const conversationId = ctx.url.searchParams.get('conversationId');
    const rows = (
      conversationId
        ? this.db
            .prepare(
              'SELECT body FROM scheduled WHERE account_id = ? AND conversation_id = ? ORDER BY send_at, id',
            )
            .all(ctx.account.id, conversationId)
        : this.db
            .prepare('SELECT body FROM scheduled WHERE account_id = ? ORDER BY send_at, id')
            .all(ctx.account.id)
    ) as { body: string }[];
    return { scheduled: rows.map((r) => JSON.parse(r.body) as ScheduledMessage) };
  }

  /** `PATCH /v1/scheduled/{id}`: `text`, `sendAt` and/or `cancelIfReplied`. */
  async #updateScheduled(ctx: Ctx, id: string): Promise<ScheduledMessage> {
    const body = await this.#readJson(ctx.req);
    const current = this.#scheduledRow(ctx, id);
    const cancel = body['cancelIfReplied'];
    if (cancel !== undefined && typeof cancel !== 'boolean') {
      throw invalid('bad-request', 'cancelIfReplied must be true or false.');
    }
    const next: ScheduledMessage = {
      ...current,
      ...(body['text'] !== undefined
        ? { text: scheduledText(body['text'], current.attachments.length) }
        : {}),
      ...(body['sendAt'] !== undefined ? { sendAt: this.#sendAt(body['sendAt']) } : {}),
      ...(cancel !== undefined ? { cancelIfReplied: cancel } : {}),
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    };
    this.#tx(() => {
      this.db
        .prepare('UPDATE scheduled SET send_at = ?, cancel_if_replied = ?, body = ? WHERE id = ?')
        .run(next.sendAt, next.cancelIfReplied ? 1 : 0, JSON.stringify(next), id);
      this.#emit(ctx.account.id, { type: 'scheduled.updated', scheduled: next });
    });
    this.#armScheduled();
    return next;
  }

  /** `DELETE /v1/scheduled/{id}`. */
  #cancelScheduled(ctx: Ctx, id: string): void {
    this.#scheduledRow(ctx, id);
    this.#tx(() => this.#unschedule(id, 'cancelled'));
    this.#armScheduled();
  }

  /** `POST /v1/scheduled/{id}/send`: sends it now; answers the message. */
  #sendScheduledNow(ctx: Ctx, id: string): Message {
    this.#scheduledRow(ctx, id);
    const result = this.#sendScheduled(id);
    this.#armScheduled();
    if (result instanceof HttpError) throw result;
    ctx.res.statusCode = 201;
    return result!;
  }

  /** The scheduled message of this account; another account's is "not found" (and logged). */
  #scheduledRow(ctx: Ctx, id: string): ScheduledMessage {
    const row = this.db.prepare('SELECT account_id, body FROM scheduled WHERE id = ?').get(id) as
      { account_id: string; body: string } | undefined;
    if (row && row.account_id !== ctx.account.id) this.#denied(ctx, 'scheduled', id);
    if (!row || row.account_id !== ctx.account.id) {
      throw notFound('That scheduled message does not exist (it may have been sent or cancelled).');
    }
    return JSON.parse(row.body) as ScheduledMessage;
  }

  #sendAt(value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid('bad-request', 'sendAt must be a time in ms since the epoch.');
    }
    if (value <= Date.now()) throw invalid('scheduled-in-past', 'Choose a time in the future.');
    return value;
  }

  /** Deletes a scheduled message and emits `scheduled.removed` (inside the caller's transaction). */
  #unschedule(
    id: string,
    reason: ScheduledRemovedReason,
    messageId?: string,
    failure?: MessageFailure,
  ): void {
    const row = this.db.prepare('SELECT account_id, conversation_id FROM scheduled WHERE id = ?').get(id) as
      { account_id: string; conversation_id: string } | undefined;
    if (!row) return;
    this.db.prepare('DELETE FROM scheduled WHERE id = ?').run(id);
    this.#emit(row.account_id, {
      type: 'scheduled.removed',
      conversationId: row.conversation_id,
      scheduledId: id,
      reason,
      ...(messageId ? { messageId } : {}),
      ...(failure ? { failure } : {}),
    });
  }

  /** Sends one scheduled message as a normal send; a refusal drops it (`failed`) and is returned. */
  #sendScheduled(id: string): Message | HttpError | undefined {
    const row = this.db
      .prepare('SELECT account_id, conversation_id, body FROM scheduled WHERE id = ?')
      .get(id) as { account_id: string; conversation_id: string; body: string } | undefined;
    if (!row) return undefined;
    const scheduled = JSON.parse(row.body) as ScheduledMessage;
    // Sent already, and the server stopped before the row was dropped: drop it now, send nothing.
    const sent = this.db
      .prepare('SELECT message_id FROM sends WHERE account_id = ? AND client_id = ?')
      .get(row.account_id, scheduled.clientId) as { message_id: string } | undefined;
    if (sent) {
      this.#tx(() => this.#unschedule(id, 'sent', sent.message_id));
      return undefined;
    }
    try {
      const account = this.#account(row.account_id);
      const conv = this.#body(this.#conversationRow(row.account_id, row.conversation_id));
      const message = this.#deliver(account, scheduled.clientId, {
        from: conv.ownNumber,
        to: conv.participants,
        text: scheduled.text,
        attachmentIds: scheduled.attachments.map((a) => a.id),
      });
      this.#tx(() => this.#unschedule(id, 'sent', message.id));
      this.#log({ level: 'info', event: 'scheduled-sent', scheduledId: id, messageId: message.id });
      return message;
    } catch (error) {
      const failure =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'send-failed', 'The message could not be sent.');
      this.#tx(() =>
        this.#unschedule(id, 'failed', undefined, { code: failure.code, reason: failure.message }),
      );
      this.#log({ level: 'warn', event: 'scheduled-failed', scheduledId: id, code: failure.code });
      return failure;
    }
  }

  /** Arms the timer for the soonest scheduled message (long waits in steps setTimeout can take). */
  #armScheduled(): void {
    if (this.#closed || !this.#http.listening) return;
    clearTimeout(this.#scheduledTimer);
    const next = this.db.prepare('SELECT MIN(send_at) AS due FROM scheduled').get() as { due: number | null };
    if (next.due === null) return;
    const wait = Math.min(2 ** 31 - 1, Math.max(0, next.due - Date.now()));
    this.#scheduledTimer = setTimeout(() => this.#runScheduled(), wait);
  }

  #runScheduled(): void {
    const due = this.db
      .prepare('SELECT id FROM scheduled WHERE send_at <= ? ORDER BY send_at, id')
      .all(Date.now()) as { id: string }[];
    for (const { id } of due) {
      if (this.#closed) return;
      this.#sendScheduled(id);
    }
    this.#armScheduled();
  }

  /** Fault injection: the message is stored, but the connection is cut before the answer. */
  #maybeDrop(ctx: Ctx, message: Message): Message | undefined {
    if (this.#dropSendResponses > 0) {
      this.#dropSendResponses--;
      this.#log({ level: 'info', event: 'dropped-response', messageId: message.id });
      ctx.res.destroy();
      return undefined;
    }
    return message;
  }

  async #upload(ctx: Ctx): Promise<Attachment> {
    const params = ctx.url.searchParams;
    const own = ctx.account.numbers.find((n) => n.number === params.get('from'));
    if (!own)
      throw invalid('unknown-number', `${String(params.get('from'))} is not one of this account's numbers.`);
    const name = (params.get('name') ?? '').slice(0, 255) || 'file';
    const policy = resolvePolicy(own);
    const declared = Number(ctx.req.headers['content-length'] ?? NaN);
    // Refuse what can never be sent before reading it, when the size is declared.
    const early = checkAttachments(
      [],
      [{ name, size: Number.isFinite(declared) ? declared : 1, detected: null }],
      policy,
    ).rejected[0];
    if (early && early.violation.code !== 'type-not-allowed') {
      await this.#discard(ctx.req);
      throw this.#violation(early.violation, policy);
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
    const rejected = checkAttachments([], [{ name, size, detected }], policy).rejected[0];
    if (rejected) throw this.#violation(rejected.violation, policy);
    const id = this.#id('att');
    const attachment: Attachment = {
      id,
      name,
      type: detected!.mime,
      size,
      url: mediaPath(this.#secret, id),
      ...readMediaInfo(bytes),
    };
    this.db
      .prepare(
        'INSERT INTO uploads (id, account_id, attachment, detected, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, ctx.account.id, JSON.stringify(attachment), JSON.stringify(detected), bytes, Date.now());
    ctx.res.statusCode = 201;
    return attachment;
  }

  async #discard(req: IncomingMessage): Promise<void> {
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > HARD_UPLOAD_LIMIT) {
        req.destroy();
        return;
      }
    }
  }

  #media(res: ServerResponse, id: string, url: URL): void {
    const sig = url.searchParams.get('sig') ?? '';
    if (!sameTokens(sig, mediaSignature(this.#secret, id))) throw notFound('No such file.');
    const row = this.db.prepare('SELECT attachment, bytes FROM uploads WHERE id = ?').get(id) as
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

  #searchContacts(ctx: Ctx): Contact[] {
    const limit = pageSize(ctx.url.searchParams.get('limit'), 20, 100);
    const all = (
      this.db
        .prepare('SELECT body FROM contacts WHERE account_id = ? ORDER BY position')
        .all(ctx.account.id) as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as Contact);
    return searchContacts(all, ctx.url.searchParams.get('q') ?? '', limit);
  }

  /** `GET /v1/search/messages?q=&cursor=&limit=`: FTS5, newest first, keyset cursor on (createdAt, id). */
  #searchMessages(ctx: Ctx): Record<string, unknown> {
    const limit = pageSize(ctx.url.searchParams.get('limit'), 20, 100);
    const query = parseSearchQuery(ctx.url.searchParams.get('q') ?? '');
    const raw = ctx.url.searchParams.get('cursor');
    let after: KeysetCursor | null = null;
    if (raw !== null) after = keyset(raw);
    if (query.kind === 'empty') return { results: [], nextCursor: null };
    // Words and digits are letters and digits only: nothing in them is FTS5 syntax.
    const match =
      query.kind === 'number'
        ? `numbers : "${query.digits}"*`
        : query.words.map((w) => `text : "${w}"*`).join(' AND ');
    const createdAt = "json_extract(m.body, '$.createdAt')";
    const rows = this.db
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

  #savedReplies(accountId: string, id?: string): SavedReply[] {
    const rows = this.db
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
  #personalReply(accountId: string, id: string): SavedReply {
    const reply = this.#savedReplies(accountId, id)[0];
    if (!reply) throw notFound('That saved reply does not exist.');
    if (!reply.personal) throw invalid('read-only', 'Shared replies cannot be changed here.');
    return reply;
  }

  /** `POST /v1/saved-replies` (create, 201) and `PUT /v1/saved-replies/{id}` (change). */
  async #saveReply(ctx: Ctx, id: string | undefined): Promise<SavedReply> {
    const body = await this.#readJson(ctx.req);
    let input: { title: string; text: string };
    try {
      input = readSavedReplyInput({ title: body['title'] as string, text: body['text'] as string });
    } catch (error) {
      throw invalid('bad-request', error instanceof Error ? error.message : String(error));
    }
    const reply: SavedReply = {
      id: id === undefined ? `sr-${randomUUID()}` : this.#personalReply(ctx.account.id, id).id,
      ...input,
      personal: true,
      updatedAt: Date.now(),
    };
    this.db
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
  #deleteReply(ctx: Ctx, id: string): void {
    this.#personalReply(ctx.account.id, id);
    this.db.prepare('DELETE FROM saved_replies WHERE account_id = ? AND id = ?').run(ctx.account.id, id);
  }

  /** `GET /v1/events`: replays what the client missed (`Last-Event-ID`), then streams live. */
  #events(ctx: Ctx): void {
    const { req, res, account } = ctx;
    const raw = req.headers['last-event-id'] ?? ctx.url.searchParams.get('lastEventId');
    const last = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    const max =
      (
        this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as
          { seq: number } | undefined
      )?.seq ?? 0;
    if (last !== null) {
      const oldest =
        (this.db.prepare('SELECT MIN(id) AS id FROM events').get() as { id: number | null }).id ?? max + 1;
      if (last > max || last < oldest - 1) {
        // The events after `last` are gone (or `last` is from another database): start over.
        res.write(`event: resync\ndata: {}\n\n`);
      } else {
        const rows = this.db
          .prepare('SELECT id, body FROM events WHERE account_id = ? AND id > ? ORDER BY id')
          .all(account.id, last) as { id: number; body: string }[];
        for (const r of rows) this.#writeEvent(res, r.id, JSON.parse(r.body) as TransportEvent, ctx.origin);
      }
    }
    res.write(`id: ${max}\nevent: ready\ndata: {}\n\n`);
    // Synchronously after the replay: nothing can be emitted in between.
    const stream: Stream = { accountId: account.id, res, origin: ctx.origin };
    this.#streams.add(stream);
    const end = () => this.#streams.delete(stream);
    req.on('close', end);
    res.on('close', end);
  }

  #writeEvent(res: ServerResponse, id: number, event: TransportEvent, origin: string): void {
    const data = JSON.stringify(this.#absolute({ ...event, eventId: String(id) }, origin));
    res.write(`id: ${id}\nevent: ${event.type}\ndata: ${data}\n\n`);
  }

  async #admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const key = this.#options.adminKey;
    const given = req.headers['x-admin-key'];
    if (!key) throw new HttpError(404, 'not-found', 'There is no admin API on this server.');
    if (typeof given !== 'string' || !sameTokens(given, key)) {
      this.#log({ level: 'warn', event: 'admin-denied', path: url.pathname });
      throw new HttpError(401, 'unauthorized', 'Send the admin key in X-Admin-Key.');
    }
    const path = url.pathname;
    const inbound = /^\/admin\/accounts\/([^/]+)\/inbound$/.exec(path);
    if (req.method === 'POST' && inbound) {
      const body = await this.#readJson(req);
      const accountId = decodeURIComponent(inbound[1]!);
      const optional = (k: string) => {
        const v = body[k];
        if (v !== undefined && typeof v !== 'string') throw invalid('bad-request', `${k} must be a string.`);
        return v;
      };
      const message = this.receive({
        accountId,
        from: optional('from'),
        to: optional('to'),
        conversationId: optional('conversationId'),
        text: (optional('text') as string | undefined) ?? '',
      });
      return this.#json(res, 201, message);
    }
    if (req.method === 'POST' && path === '/admin/tokens') {
      const body = await this.#readJson(req);
      if (typeof body['accountId'] !== 'string') throw invalid('bad-request', 'accountId must be a string.');
      const ttl = body['ttlMs'];
      if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) {
        throw invalid('bad-request', 'ttlMs must be a positive number.');
      }
      return this.#json(res, 201, { token: this.issueToken(body['accountId'], ttl) });
    }
    const token = /^\/admin\/tokens\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && token) {
      this.revokeToken(decodeURIComponent(token[1]!));
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && path === '/admin/faults') {
      const body = await this.#readJson(req);
      const dropped: Record<string, number> = {};
      if (typeof body['dropNextSendResponses'] === 'number')
        this.dropNextSendResponses(body['dropNextSendResponses']);
      if (body['dropEventStreams'] === true) {
        dropped['eventStreams'] = this.dropEventStreams(
          typeof body['accountId'] === 'string' ? body['accountId'] : undefined,
        );
      }
      if (typeof body['rateLimitNext'] === 'number') this.rateLimitNext(body['rateLimitNext']);
      if (typeof body['carrierFailureRate'] === 'number')
        this.setCarrierFailureRate(body['carrierFailureRate']);
      return this.#json(res, 200, { ok: true, ...dropped });
    }
    throw new HttpError(404, 'not-found', `There is no admin route ${req.method} ${path}.`);
  }

  // ── data ───────────────────────────────────────────────────────────

  #account(accountId: string): Account {
    const row = this.db.prepare('SELECT body FROM accounts WHERE id = ?').get(accountId) as
      { body: string } | undefined;
    if (!row) throw notFound(`There is no account ${accountId}.`);
    return JSON.parse(row.body) as Account;
  }

  /** The conversation of this account; another account's is "not found" (and logged). */
  #conversationRow(accountId: string, id: string, ctx?: Ctx): ConversationRow {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as
      ConversationRow | undefined;
    if (row && row.account_id !== accountId) {
      if (ctx) this.#denied(ctx, 'conversation', id);
      throw notFound('That conversation does not exist.');
    }
    if (!row) throw notFound('That conversation does not exist.');
    return row;
  }

  #denied(ctx: Ctx, resource: string, id: string): void {
    this.#log({
      level: 'warn',
      event: 'cross-account-access',
      accountId: ctx.account.id,
      method: ctx.req.method,
      path: ctx.url.pathname,
      resource,
      id,
      remote: ctx.req.socket.remoteAddress,
    });
  }

  #findRow(accountId: string, participants: readonly string[], from?: string): ConversationRow | undefined {
    const key = participantsKey(participants);
    if (new Set(participants).size !== participants.length) return undefined;
    return (
      from
        ? this.db
            .prepare(
              'SELECT * FROM conversations WHERE account_id = ? AND participants_key = ? AND own_number = ?',
            )
            .get(accountId, key, from)
        : this.db
            .prepare(
              'SELECT * FROM conversations WHERE account_id = ? AND participants_key = ? ORDER BY updated_at DESC',
            )
            .get(accountId, key)
    ) as ConversationRow | undefined;
  }

  #createConversation(account: Account, participants: readonly string[], ownNumber: string): ConversationRow {
    const names: Record<string, string> = {};
    const contacts = (
      this.db.prepare('SELECT body FROM contacts WHERE account_id = ?').all(account.id) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as Contact);
    for (const p of participants) {
      const contact = contacts.find((c) => c.numbers.some((n) => n.number === p));
      if (contact) names[p] = contact.name;
    }
    const body: StoredConversation = {
      id: this.#id('conv'),
      participants: [...participants],
      ownNumber,
      names,
      unreadCount: 0,
      optedOut: participants.filter((p) => this.#optedOut(account.id, ownNumber, p)),
    };
    const updatedAt = this.#activity();
    this.db
      .prepare(
        `INSERT INTO conversations (id, account_id, own_number, participants_key, updated_at, next_seq, body)
         VALUES (?, ?, ?, ?, ?, 0, ?)`,
      )
      .run(body.id, account.id, ownNumber, participantsKey(participants), updatedAt, JSON.stringify(body));
    return this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(body.id) as ConversationRow;
  }

  #body(row: ConversationRow): StoredConversation {
    const current = this.db.prepare('SELECT body FROM conversations WHERE id = ?').get(row.id) as {
      body: string;
    };
    return JSON.parse(current.body) as StoredConversation;
  }

  #writeConversation(id: string, body: StoredConversation, updatedAt?: number): void {
    if (updatedAt === undefined) {
      this.db.prepare('UPDATE conversations SET body = ? WHERE id = ?').run(JSON.stringify(body), id);
    } else {
      this.db
        .prepare('UPDATE conversations SET body = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(body), updatedAt, id);
    }
  }

  #append(row: ConversationRow, message: Message): void {
    const { next_seq } = this.db.prepare('SELECT next_seq FROM conversations WHERE id = ?').get(row.id) as {
      next_seq: number;
    };
    this.db
      .prepare('INSERT INTO messages (id, account_id, conversation_id, seq, body) VALUES (?, ?, ?, ?, ?)')
      .run(message.id, row.account_id, row.id, next_seq, JSON.stringify(message));
    this.db.prepare('UPDATE conversations SET next_seq = ? WHERE id = ?').run(next_seq + 1, row.id);
  }

  /** The conversation as the API shows it: with its newest message and activity time. */
  #present(id: string): Conversation {
    const row = this.db.prepare('SELECT updated_at, body FROM conversations WHERE id = ?').get(id) as {
      updated_at: number;
      body: string;
    };
    const { optedOut, ...body } = JSON.parse(row.body) as StoredConversation;
    const last = this.db
      .prepare('SELECT body FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1')
      .get(id) as { body: string } | undefined;
    return {
      ...body,
      updatedAt: row.updated_at,
      ...(optedOut?.length ? { optedOut } : {}),
      ...(last ? { lastMessage: JSON.parse(last.body) as Message } : {}),
    };
  }

  #optedOut(accountId: string, own: string, sender: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM opt_outs WHERE account_id = ? AND own_number = ? AND sender = ?')
        .get(accountId, own, sender) !== undefined
    );
  }

  #violation(violation: AttachmentViolation, policy: ResolvedPolicy): HttpError {
    return this.#refused(policyRefusal(violation, policy));
  }

  /** A refusal of the outgoing-message rules as an HTTP error (413 and 415 for files, else 400). */
  #refused(refusal: { readonly code: string; readonly message: string }): HttpError {
    const code = backendCode(refusal.code as OutgoingRefusalCode);
    const status =
      code === 'file-too-large' || code === 'message-too-large'
        ? 413
        : code === 'type-not-allowed' || code === 'type-mismatch'
          ? 415
          : 400;
    return new HttpError(status, code, refusal.message);
  }

  /** Runs `fn` in one transaction; the events it emitted go out only after the commit. */
  #tx<T>(fn: () => T): T {
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      this.#pending.length = 0;
      throw error;
    }
    const pending = this.#pending.splice(0);
    for (const { accountId, event } of pending) this.#publish(accountId, event);
    return result;
  }

  /** Stores an event (inside the caller's transaction); it is pushed after the commit. */
  #emit(accountId: string, event: TransportEvent): void {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO events (account_id, type, body, created_at) VALUES (?, ?, ?, ?)')
      .run(accountId, event.type, JSON.stringify(event), Date.now());
    this.#pending.push({
      accountId,
      event: { ...event, eventId: String(lastInsertRowid) } as TransportEvent,
    });
  }

  #publish(accountId: string, event: TransportEvent): void {
    const id = Number((event as { eventId?: string }).eventId);
    for (const s of this.#streams) {
      if (s.accountId === accountId && !s.res.destroyed) this.#writeEvent(s.res, id, event, s.origin);
    }
  }

  #pruneEvents(): void {
    const keep = this.#options.eventRetentionMs ?? 24 * 60 * 60 * 1000;
    this.db.prepare('DELETE FROM events WHERE created_at < ?').run(Date.now() - keep);
  }

  /** Attachment URLs are stored as paths; the answer carries them absolute. */
  #absolute<T>(value: T, origin: string): T {
    if (Array.isArray(value)) return value.map((v: unknown) => this.#absolute(v, origin)) as T;
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === 'url' && typeof v === 'string' && v.startsWith('/v1/media/')
          ? origin + v
          : this.#absolute(v, origin);
    }
    return out as T;
  }

  /** A time for new activity, strictly after all earlier activity, so it sorts on top. */
  #activity(): number {
    this.#lastActivity = Math.max(Date.now(), this.#lastActivity + 1);
    return this.#lastActivity;
  }

  #id(prefix: string): string {
    return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  }

  // ── the carrier ────────────────────────────────────────────────────

  /** Moves outbound messages queued → sent → delivered (or failed); jobs live in the database. */
  #scheduleCarrier(): void {
    if (this.#closed || !this.#http.listening) return;
    clearTimeout(this.#carrierTimer);
    const next = this.db.prepare('SELECT MIN(due_at) AS due FROM carrier_jobs').get() as {
      due: number | null;
    };
    if (next.due === null) return;
    this.#carrierTimer = setTimeout(() => this.#runCarrier(), Math.max(0, next.due - Date.now()));
  }

  #runCarrier(): void {
    const now = Date.now();
    const jobs = this.db.prepare('SELECT * FROM carrier_jobs WHERE due_at <= ? ORDER BY due_at').all(now) as {
      message_id: string;
      account_id: string;
      next_status: MessageStatus;
      fails: number;
    }[];
    const [, toDelivered] = this.#options.deliveryMs ?? DEFAULT_DELIVERY_MS;
    for (const job of jobs) {
      try {
        this.#tx(() => {
          const row = this.db.prepare('SELECT body FROM messages WHERE id = ?').get(job.message_id) as
            { body: string } | undefined;
          if (!row) {
            this.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
            return;
          }
          const { message, event } = carrierStep(
            JSON.parse(row.body) as Message,
            job.next_status as 'sent' | 'delivered' | 'failed',
            now,
          );
          this.db
            .prepare('UPDATE messages SET body = ? WHERE id = ?')
            .run(JSON.stringify(message), message.id);
          if (job.next_status === 'sent') {
            this.db
              .prepare('UPDATE carrier_jobs SET next_status = ?, due_at = ? WHERE message_id = ?')
              .run(afterSent(Boolean(job.fails)), now + toDelivered, job.message_id);
          } else {
            this.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
          }
          this.#emit(job.account_id, event);
        });
      } catch (error) {
        this.#log({ level: 'error', event: 'carrier-error', message: String(error) });
        this.db.prepare('DELETE FROM carrier_jobs WHERE message_id = ?').run(job.message_id);
      }
    }
    this.#scheduleCarrier();
  }

  #log(entry: LogEntry): void {
    if (this.#options.log) this.#options.log(entry);
    else process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  }
}

/** Creates the reference server; see {@link ReferenceServer}. */
export function createReferenceServer(options: ReferenceServerOptions = {}): ReferenceServer {
  return new ReferenceServer(options);
}

export type { Db };
