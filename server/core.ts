// The state of the reference server and its data layer over SQLite: accounts, conversations and their
// rows, events (stored, then pushed to the open streams), ids, the log. The routes and the jobs use it.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Account } from '../src/model/account.js';
import type { Contact } from '../src/model/contact.js';
import type { Conversation } from '../src/model/conversation.js';
import type { Message } from '../src/model/message.js';
import { backendCode } from '../src/rules/outgoing-message.js';
import type { OutgoingRefusalCode } from '../src/rules/outgoing-message.js';
import type { TransportEvent } from '../src/transport/transport.js';
import { participantsKey } from './db.js';
import type { Db } from './db.js';
import { HttpError, notFound, isRecord } from './http.js';
import type { Ctx } from './http.js';

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

export interface ConversationRow {
  id: string;
  account_id: string;
  own_number: string;
  participants_key: string;
  updated_at: number;
  next_seq: number;
  body: string;
}

export interface StoredConversation {
  id: string;
  participants: string[];
  ownNumber: string;
  names: Record<string, string>;
  title?: string;
  unreadCount: number;
  optedOut: string[];
}

export interface Stream {
  readonly accountId: string;
  readonly res: ServerResponse;
  readonly origin: string;
}

/** The reference server’s state and data layer (not exported from the package). */
export class ServerCore {
  readonly db: Db;
  readonly options: ReferenceServerOptions;
  readonly streams = new Set<Stream>();
  readonly pending: { accountId: string; event: TransportEvent }[] = [];
  readonly secret: string;
  carrierTimer: ReturnType<typeof setTimeout> | undefined;
  scheduledTimer: ReturnType<typeof setTimeout> | undefined;
  heartbeat: ReturnType<typeof setInterval> | undefined;
  lastActivity = 0;
  carrierFailureRate: number;
  dropSendResponses = 0;
  closed = false;

  /** Whether the HTTP server listens: the timers run only then. */
  readonly listening: () => boolean;

  constructor(options: ReferenceServerOptions, db: Db, listening: () => boolean) {
    this.options = options;
    this.db = db;
    this.listening = listening;
    this.secret = (
      db.prepare("SELECT value FROM meta WHERE key = 'media-secret'").get() as { value: string }
    ).value;
    this.carrierFailureRate = Math.max(0, Math.min(1, options.carrierFailureRate ?? 0));
    const last = db.prepare('SELECT MAX(updated_at) AS t FROM conversations').get() as {
      t: number | null;
    };
    this.lastActivity = last.t ?? 0;
    this.pruneEvents();
  }

  writeEvent(res: ServerResponse, id: number, event: TransportEvent, origin: string): void {
    const data = JSON.stringify(this.absolute({ ...event, eventId: String(id) }, origin));
    res.write(`id: ${id}\nevent: ${event.type}\ndata: ${data}\n\n`);
  }

  account(accountId: string): Account {
    const row = this.db.prepare('SELECT body FROM accounts WHERE id = ?').get(accountId) as
      { body: string } | undefined;
    if (!row) throw notFound(`There is no account ${accountId}.`);
    return JSON.parse(row.body) as Account;
  }

  /** The conversation of this account; another account's is "not found" (and logged). */
  conversationRow(accountId: string, id: string, ctx?: Ctx): ConversationRow {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as
      ConversationRow | undefined;
    if (row && row.account_id !== accountId) {
      if (ctx) this.denied(ctx, 'conversation', id);
      throw notFound('That conversation does not exist.');
    }
    if (!row) throw notFound('That conversation does not exist.');
    return row;
  }

  denied(ctx: Ctx, resource: string, id: string): void {
    this.log({
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

  findRow(accountId: string, participants: readonly string[], from?: string): ConversationRow | undefined {
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

  createConversation(account: Account, participants: readonly string[], ownNumber: string): ConversationRow {
    const names: Record<string, string> = {};
    const contacts = (
      this.db.prepare('SELECT body FROM contacts WHERE account_id = ?').all(account.id) as { body: string }[]
    ).map((r) => JSON.parse(r.body) as Contact);
    for (const p of participants) {
      const contact = contacts.find((c) => c.numbers.some((n) => n.number === p));
      if (contact) names[p] = contact.name;
    }
    const body: StoredConversation = {
      id: this.id('conv'),
      participants: [...participants],
      ownNumber,
      names,
      unreadCount: 0,
      optedOut: participants.filter((p) => this.optedOut(account.id, ownNumber, p)),
    };
    const updatedAt = this.activity();
    this.db
      .prepare(
        `INSERT INTO conversations (id, account_id, own_number, participants_key, updated_at, next_seq, body)
         VALUES (?, ?, ?, ?, ?, 0, ?)`,
      )
      .run(body.id, account.id, ownNumber, participantsKey(participants), updatedAt, JSON.stringify(body));
    return this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(body.id) as ConversationRow;
  }

  body(row: ConversationRow): StoredConversation {
    const current = this.db.prepare('SELECT body FROM conversations WHERE id = ?').get(row.id) as {
      body: string;
    };
    return JSON.parse(current.body) as StoredConversation;
  }

  writeConversation(id: string, body: StoredConversation, updatedAt?: number): void {
    if (updatedAt === undefined) {
      this.db.prepare('UPDATE conversations SET body = ? WHERE id = ?').run(JSON.stringify(body), id);
    } else {
      this.db
        .prepare('UPDATE conversations SET body = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(body), updatedAt, id);
    }
  }

  append(row: ConversationRow, message: Message): void {
    const { next_seq } = this.db.prepare('SELECT next_seq FROM conversations WHERE id = ?').get(row.id) as {
      next_seq: number;
    };
    this.db
      .prepare('INSERT INTO messages (id, account_id, conversation_id, seq, body) VALUES (?, ?, ?, ?, ?)')
      .run(message.id, row.account_id, row.id, next_seq, JSON.stringify(message));
    this.db.prepare('UPDATE conversations SET next_seq = ? WHERE id = ?').run(next_seq + 1, row.id);
  }

  /** The conversation as the API shows it: with its newest message and activity time. */
  present(id: string): Conversation {
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

  optedOut(accountId: string, own: string, sender: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM opt_outs WHERE account_id = ? AND own_number = ? AND sender = ?')
        .get(accountId, own, sender) !== undefined
    );
  }

  /** A refusal of the outgoing-message rules as an HTTP error (413 and 415 for files, else 400). */
  refused(refusal: { readonly code: string; readonly message: string }): HttpError {
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
  tx<T>(fn: () => T): T {
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      this.pending.length = 0;
      throw error;
    }
    const pending = this.pending.splice(0);
    for (const { accountId, event } of pending) this.publish(accountId, event);
    return result;
  }

  /** Stores an event (inside the caller's transaction); it is pushed after the commit. */
  emit(accountId: string, event: TransportEvent): void {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO events (account_id, type, body, created_at) VALUES (?, ?, ?, ?)')
      .run(accountId, event.type, JSON.stringify(event), Date.now());
    this.pending.push({
      accountId,
      event: { ...event, eventId: String(lastInsertRowid) } as TransportEvent,
    });
  }

  publish(accountId: string, event: TransportEvent): void {
    const id = Number((event as { eventId?: string }).eventId);
    for (const s of this.streams) {
      if (s.accountId === accountId && !s.res.destroyed) this.writeEvent(s.res, id, event, s.origin);
    }
  }

  pruneEvents(): void {
    const keep = this.options.eventRetentionMs ?? 24 * 60 * 60 * 1000;
    this.db.prepare('DELETE FROM events WHERE created_at < ?').run(Date.now() - keep);
  }

  /** Attachment URLs are stored as paths; the answer carries them absolute. */
  absolute<T>(value: T, origin: string): T {
    if (Array.isArray(value)) return value.map((v: unknown) => this.absolute(v, origin)) as T;
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === 'url' && typeof v === 'string' && v.startsWith('/v1/media/')
          ? origin + v
          : this.absolute(v, origin);
    }
    return out as T;
  }

  /** A time for new activity, strictly after all earlier activity, so it sorts on top. */
  activity(): number {
    this.lastActivity = Math.max(Date.now(), this.lastActivity + 1);
    return this.lastActivity;
  }

  id(prefix: string): string {
    return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  }

  log(entry: LogEntry): void {
    if (this.options.log) this.options.log(entry);
    else process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  }
}
