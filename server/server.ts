// The reference server of the HTTP protocol (docs/http-protocol.md, docs/openapi.yaml).
// Plain node:http, SQLite through better-sqlite3, the same rules as the client (src/rules):
// the server never trusts what a client sends.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../src/model/message.js';
import { openDatabase } from './db.js';
import type { Db } from './db.js';
import { HttpError, json } from './http.js';
import type { Ctx, Handler } from './http.js';
import { ServerCore } from './core.js';
import type { ReferenceServerOptions, InboundRequest } from './core.js';
import {
  listConversations,
  findConversation,
  getConversation,
  deleteConversation,
  setUnread,
} from './routes/conversations.js';
import { listMessages, deleteMessage, postMessage } from './routes/messages.js';
import {
  createScheduled,
  listScheduled,
  updateScheduled,
  cancelScheduled,
  sendScheduledNow,
} from './routes/scheduled.js';
import { armScheduled } from './scheduler.js';
import { uploadAttachment, serveMedia } from './routes/media.js';
import { findContacts, findMessages } from './routes/search.js';
import { listSavedReplies, saveReply, deleteReply } from './routes/saved-replies.js';
import { openEventStream } from './routes/events.js';
import { adminRoute } from './routes/admin.js';
import { receive } from './inbound.js';
import { scheduleCarrier } from './carrier.js';

export type { InboundRequest, LogEntry, ReferenceServerOptions } from './core.js';

/**
 * The reference server: REST + server-sent events over `node:http`, data in SQLite. Create it
 * with {@link createReferenceServer}, then `await server.listen(port)`.
 */
export class ReferenceServer {
  readonly db: Db;
  readonly #http: Server;
  readonly #rate = new Map<string, { start: number; count: number }>();
  readonly #ownsDb: boolean;
  #rateLimitNext = 0;
  readonly #routes: [string, RegExp, Handler][];

  /** The state and the data layer the routes and jobs share (`core.ts`); private: nothing outside looks inside. */
  readonly #core: ServerCore;

  constructor(options: ReferenceServerOptions = {}) {
    this.#ownsDb = typeof options.database !== 'object';
    this.db =
      typeof options.database === 'object'
        ? options.database
        : openDatabase({ file: options.database, seed: options.seed, conversations: options.conversations });
    this.#core = new ServerCore(options, this.db, () => this.#http.listening);
    const insertToken = this.db.prepare('INSERT OR REPLACE INTO tokens (token, account_id) VALUES (?, ?)');
    for (const [token, accountId] of Object.entries(options.tokens ?? {})) {
      this.#core.account(accountId);
      insertToken.run(token, accountId);
    }
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
        scheduleCarrier(this.#core);
        // Scheduled messages survive restarts: re-arm, and send the overdue ones now.
        armScheduled(this.#core);
        this.#core.heartbeat = setInterval(() => {
          for (const s of this.#core.streams) s.res.write(': ping\n\n');
        }, this.#core.options.heartbeatMs ?? 15_000);
        this.#core.log({ level: 'info', event: 'listening', port: address.port, host });
        resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
      });
    });
  }

  /** Stops listening, ends every connection (event streams too) and closes the database it opened. */
  async close(): Promise<void> {
    if (this.#core.closed) return;
    this.#core.closed = true;
    clearTimeout(this.#core.carrierTimer);
    clearTimeout(this.#core.scheduledTimer);
    clearInterval(this.#core.heartbeat);
    for (const s of this.#core.streams) s.res.destroy();
    this.#core.streams.clear();
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
    if (this.#ownsDb) this.db.close();
  }

  /** A new bearer token of `accountId`, valid for `ttlMs` (default: until revoked). */
  issueToken(accountId: string, ttlMs?: number): string {
    this.#core.account(accountId);
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
    for (const s of [...this.#core.streams]) {
      if (accountId && s.accountId !== accountId) continue;
      s.res.destroy();
      this.#core.streams.delete(s);
      dropped++;
    }
    return dropped;
  }

  /** The next `count` sends are stored, then their connection is cut before the answer. */
  dropNextSendResponses(count: number): void {
    this.#core.dropSendResponses = Math.max(0, count);
  }

  /**
   * The next `count` API requests (of any account; the event stream excepted) answer 429
   * `rate-limited` with `Retry-After: 1`, as the real limit would; later requests are answered.
   */
  rateLimitNext(count: number): void {
    this.#rateLimitNext = Math.max(0, count);
  }

  setCarrierFailureRate(rate: number): void {
    this.#core.carrierFailureRate = Math.max(0, Math.min(1, rate));
  }

  /** An inbound text, as if someone texted the account (STOP/START opt them out and in). */
  receive(request: InboundRequest): Message {
    return receive(this.#core, request);
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    try {
      res.setHeader('Access-Control-Allow-Origin', this.#core.options.corsOrigin ?? '*');
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
      if (url.pathname === '/healthz') return json(res, 200, { ok: true });
      if (url.pathname.startsWith('/admin/')) return await adminRoute(this.#core, this, req, res, url);
      const media = /^\/v1\/media\/([^/]+)$/.exec(url.pathname);
      if (media && req.method === 'GET')
        return serveMedia(this.#core, res, decodeURIComponent(media[1]!), url);
      const ctx = this.#authenticate(req, res, url);
      if (url.pathname === '/v1/events' && req.method === 'GET') return openEventStream(this.#core, ctx);
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
          json(res, res.statusCode === 201 ? 201 : 200, this.#core.absolute(result, ctx.origin));
        }
        return;
      }
      const known = this.#routes.some(([, pattern]) => pattern.test(url.pathname));
      throw known
        ? new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}.`)
        : new HttpError(404, 'not-found', `There is no route ${url.pathname}.`);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        // Too late for an error answer: the connection is cut. Said in the log, never silent (a
        // client that went away is routine; a failure once the answer began is a bug).
        this.#core.log({
          level: res.destroyed ? 'info' : 'error',
          event: res.destroyed ? 'request-interrupted' : 'error-after-headers',
          path: req.url,
          message: error instanceof Error ? error.message : String(error),
        });
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        if (error.status >= 500) this.#core.log({ level: 'error', event: 'error', message: error.message });
        for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
        json(res, error.status, {
          error: { code: error.code, message: error.message, ...error.extra },
        });
      } else {
        this.#core.log({
          level: 'error',
          event: 'internal-error',
          method: req.method,
          path: req.url,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        json(res, 500, { error: { code: 'internal', message: 'The server failed; try again.' } });
      }
    } finally {
      if (Date.now() - started > 1000) {
        this.#core.log({ level: 'info', event: 'slow-request', path: req.url, ms: Date.now() - started });
      }
    }
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
    const account = this.#core.account(row.account_id);
    const origin =
      this.#core.options.publicUrl?.replace(/\/+$/, '') ??
      `${(req.headers['x-forwarded-proto'] as string | undefined) ?? 'http'}://${req.headers.host ?? 'localhost'}`;
    return { req, res, url, origin, account, token };
  }

  #limit(ctx: Ctx): void {
    if (this.#rateLimitNext > 0) {
      this.#rateLimitNext--;
      this.#core.log({ level: 'warn', event: 'rate-limited', accountId: ctx.account.id, retryAfterMs: 1000 });
      throw new HttpError(
        429,
        'rate-limited',
        'Too many requests; try again later.',
        { 'Retry-After': '1' },
        { retryAfterMs: 1000 },
      );
    }
    const config = this.#core.options.rateLimit ?? { limit: 600, windowMs: 60_000 };
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
      this.#core.log({ level: 'warn', event: 'rate-limited', accountId: ctx.account.id, retryAfterMs });
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
      ['GET', /^\/v1\/conversations$/, (ctx) => listConversations(this.#core, ctx)],
      ['GET', /^\/v1\/conversations\/find$/, (ctx) => findConversation(this.#core, ctx)],
      ['GET', new RegExp(`^/v1/conversations/${id}$`), (ctx, [c]) => getConversation(this.#core, ctx, c!)],
      [
        'DELETE',
        new RegExp(`^/v1/conversations/${id}$`),
        (ctx, [c]) => deleteConversation(this.#core, ctx, c!),
      ],
      [
        'POST',
        new RegExp(`^/v1/conversations/${id}/read$`),
        (ctx, [c]) => setUnread(this.#core, ctx, c!, () => 0),
      ],
      [
        'POST',
        new RegExp(`^/v1/conversations/${id}/unread$`),
        (ctx, [c]) => setUnread(this.#core, ctx, c!, (n) => Math.max(1, n)),
      ],
      [
        'GET',
        new RegExp(`^/v1/conversations/${id}/messages$`),
        (ctx, [c]) => listMessages(this.#core, ctx, c!),
      ],
      [
        'DELETE',
        new RegExp(`^/v1/conversations/${id}/messages/${id}$`),
        (ctx, [c, m]) => deleteMessage(this.#core, ctx, c!, m!),
      ],
      ['POST', /^\/v1\/messages$/, (ctx) => postMessage(this.#core, ctx)],
      ['POST', /^\/v1\/attachments$/, (ctx) => uploadAttachment(this.#core, ctx)],
      ['GET', /^\/v1\/contacts$/, (ctx) => findContacts(this.#core, ctx)],
      ['GET', /^\/v1\/search\/messages$/, (ctx) => findMessages(this.#core, ctx)],
      ['POST', /^\/v1\/scheduled$/, (ctx) => createScheduled(this.#core, ctx)],
      ['GET', /^\/v1\/scheduled$/, (ctx) => listScheduled(this.#core, ctx)],
      ['PATCH', new RegExp(`^/v1/scheduled/${id}$`), (ctx, [m]) => updateScheduled(this.#core, ctx, m!)],
      ['DELETE', new RegExp(`^/v1/scheduled/${id}$`), (ctx, [m]) => cancelScheduled(this.#core, ctx, m!)],
      ['POST', new RegExp(`^/v1/scheduled/${id}/send$`), (ctx, [m]) => sendScheduledNow(this.#core, ctx, m!)],
      ['GET', /^\/v1\/saved-replies$/, (ctx) => ({ replies: listSavedReplies(this.#core, ctx.account.id) })],
      ['POST', /^\/v1\/saved-replies$/, (ctx) => saveReply(this.#core, ctx, undefined)],
      ['PUT', new RegExp(`^/v1/saved-replies/${id}$`), (ctx, [r]) => saveReply(this.#core, ctx, r!)],
      ['DELETE', new RegExp(`^/v1/saved-replies/${id}$`), (ctx, [r]) => deleteReply(this.#core, ctx, r!)],
    ];
  }
}

/** Creates the reference server; see {@link ReferenceServer}. */
export function createReferenceServer(options: ReferenceServerOptions = {}): ReferenceServer {
  return new ReferenceServer(options);
}

export type { Db };
