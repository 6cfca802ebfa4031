// The reference server's database: SQLite through better-sqlite3, created and migrated at start.
// Every statement is synchronous, so one request's reads and writes never interleave with another's.
import Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import type { Account } from '../src/model/account.js';
import type { Attachment } from '../src/model/attachment.js';
import type { Contact } from '../src/model/contact.js';
import type { Message } from '../src/model/message.js';
import { sniffBytes } from '../src/rules/index.js';
import { readMediaInfo } from '../src/rules/media-info.js';
import { DEMO_MEDIA, makeGif, makeJpeg, makePdf, makePng, makeWav } from '../src/transport/memory/media.js';
import type { DemoMediaKind } from '../src/transport/memory/media.js';
import {
  MAIN_ACCOUNT_ID,
  makeSeed,
  seededConversation,
  seededMessage,
} from '../src/transport/memory/seed.js';
import { DEMO_SAVED_REPLIES } from '../src/transport/saved-replies.js';
import { messageNumberSuffixes, searchWords } from '../src/transport/search-match.js';
import type { SeedAccount } from '../src/transport/memory/seed.js';

export type Db = Database.Database;

/**
 * Gives every account with a texting number the demo's shared saved replies (those it lacks): run
 * by migration 3 for the accounts already there, and when a new database is seeded.
 */
const SEED_SAVED_REPLIES = `INSERT OR IGNORE INTO saved_replies (account_id, id, personal, title, text, updated_at)
   SELECT DISTINCT n.account_id, json_extract(r.value, '$.id'), 0, json_extract(r.value, '$.title'),
     json_extract(r.value, '$.text'), CAST(strftime('%s', 'now') AS INTEGER) * 1000
   FROM own_numbers n, json_each('${JSON.stringify(DEMO_SAVED_REPLIES).replaceAll("'", "''")}') r;`;

/** Each entry migrates the schema from version `index` to `index + 1`; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE accounts (id TEXT PRIMARY KEY, body TEXT NOT NULL);
   CREATE TABLE own_numbers (number TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id));
   CREATE TABLE tokens (token TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), expires_at INTEGER);
   CREATE TABLE contacts (
     account_id TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL,
     PRIMARY KEY (account_id, id));
   CREATE TABLE conversations (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, own_number TEXT NOT NULL, participants_key TEXT NOT NULL,
     updated_at INTEGER NOT NULL, next_seq INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
   CREATE INDEX conversations_list ON conversations (account_id, updated_at DESC, id);
   CREATE UNIQUE INDEX conversations_key ON conversations (account_id, own_number, participants_key);
   CREATE TABLE messages (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL,
     body TEXT NOT NULL, UNIQUE (conversation_id, seq));
   CREATE TABLE sends (
     account_id TEXT NOT NULL, client_id TEXT NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
     PRIMARY KEY (account_id, client_id));
   CREATE TABLE uploads (
     id TEXT PRIMARY KEY, account_id TEXT, attachment TEXT NOT NULL, detected TEXT NOT NULL,
     bytes BLOB NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE opt_outs (
     account_id TEXT NOT NULL, own_number TEXT NOT NULL, sender TEXT NOT NULL,
     PRIMARY KEY (account_id, own_number, sender));
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, type TEXT NOT NULL,
     body TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE INDEX events_account ON events (account_id, id);
   CREATE TABLE carrier_jobs (
     message_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, next_status TEXT NOT NULL,
     due_at INTEGER NOT NULL, fails INTEGER NOT NULL);`,
  // Message search (docs/transport.md#searching-messages): FTS5 over the folded text, and a column of
  // every ending of the message's numbers, so a digit query is a prefix query. The row id is the
  // message row's (stable: this server never runs VACUUM). Triggers keep it in step with messages.
  `CREATE VIRTUAL TABLE message_search USING fts5(
     text, numbers, tokenize = 'unicode61 remove_diacritics 2');
   CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
     INSERT INTO message_search (rowid, text, numbers)
     VALUES (new.rowid, sms_search_text(new.body), sms_search_numbers(new.body));
   END;
   CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
     DELETE FROM message_search WHERE rowid = old.rowid;
   END;
   CREATE TRIGGER message_search_update AFTER UPDATE OF body ON messages
     WHEN sms_search_text(old.body) IS NOT sms_search_text(new.body) BEGIN
     DELETE FROM message_search WHERE rowid = old.rowid;
     INSERT INTO message_search (rowid, text, numbers)
     VALUES (new.rowid, sms_search_text(new.body), sms_search_numbers(new.body));
   END;
   INSERT INTO message_search (rowid, text, numbers)
     SELECT rowid, sms_search_text(body), sms_search_numbers(body) FROM messages;`,
  // Saved replies (docs/transport.md#saved-replies): the business's shared ones (personal = 0) and
  // each user's own, per account.
  `CREATE TABLE saved_replies (
     account_id TEXT NOT NULL, id TEXT NOT NULL, personal INTEGER NOT NULL, title TEXT NOT NULL,
     text TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (account_id, id));
   ${SEED_SAVED_REPLIES}`,
  // Send later (docs/transport.md#send-later): messages the server sends at send_at with its own
  // timer, re-armed at start (overdue ones go out at once). body is the ScheduledMessage as JSON.
  `CREATE TABLE scheduled (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, client_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
     send_at INTEGER NOT NULL, cancel_if_replied INTEGER NOT NULL, body TEXT NOT NULL,
     UNIQUE (account_id, client_id));
   CREATE INDEX scheduled_due ON scheduled (send_at);
   CREATE INDEX scheduled_conversation ON scheduled (account_id, conversation_id, send_at);`,
  // Scheduled messages with attachments (decision 0015): those scheduled before carry none.
  `UPDATE scheduled SET body = json_set(body, '$.attachments', json('[]'))
     WHERE json_type(body, '$.attachments') IS NULL;`,
];

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** File path, or `:memory:` (the default) for a database that lives as long as the process. */
  readonly file?: string;
  /** Seed of the demo data written into a new database (default 1). */
  readonly seed?: number;
  /** Conversations of the main demo account in a new database (default 300). */
  readonly conversations?: number;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
}

/** Opens (creating and migrating as needed) the database, and seeds it when it is new. */
export function openDatabase(options: DatabaseOptions = {}): Db {
  const db = new Database(options.file ?? ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // What the search index holds of a message (its JSON body): used by the triggers of migration 2.
  db.function('sms_search_text', { deterministic: true }, (body: unknown) =>
    searchWords((JSON.parse(String(body)) as Message).text ?? '').join(' '),
  );
  db.function('sms_search_numbers', { deterministic: true }, (body: unknown) =>
    messageNumberSuffixes(JSON.parse(String(body)) as Message).join(' '),
  );
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`The database has schema version ${version}; this server knows ${MIGRATIONS.length}.`);
  }
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    if (version === 0) seedDatabase(db, options);
  })();
  return db;
}

/** The second texting account, so there is someone whose data the first must never see. */
export const SECOND_ACCOUNT_ID = 'acct-globex';
const SECOND_ACCOUNT: Account = {
  id: SECOND_ACCOUNT_ID,
  userId: 'user-globex',
  name: 'Globex Dispatch',
  country: 'US',
  numbers: [
    {
      number: '+13125550177',
      kind: 'local',
      label: 'Dispatch',
      capabilities: { sms: true, mms: true, group: true },
    },
  ],
};

/** Seed media the server can make in Node (the demo video is recorded by browsers only). */
const SERVER_MEDIA: Record<DemoMediaKind, () => Uint8Array> = {
  photo: () => makeJpeg(640, 480, 205),
  portrait: () => makeJpeg(480, 640, 25),
  panorama: () => makeJpeg(960, 320, 160),
  screenshot: () => makePng(270, 480, 260),
  gif: () =>
    makeGif(
      160,
      120,
      [
        [255, 248, 231],
        [230, 57, 70],
        [29, 53, 87],
        [244, 162, 97],
      ],
      [0, 1, 2].map(
        (f) => (x: number, y: number) =>
          (x - 40 - f * 40) ** 2 + (y - 60) ** 2 < 400 ? 1 + f : (x >> 4) % 2 === (y >> 4) % 2 ? 0 : 3,
      ),
    ),
  pdf: () => makePdf('Work order #4471'),
  audio: () => makeWav(2.4),
  video: () => makeGif(160, 120, [[29, 53, 87]], [() => 0]),
};

function seedDatabase(db: Db, options: DatabaseOptions): void {
  const now = (options.now ?? Date.now)();
  const secret = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('media-secret', secret);
  const seeds: SeedAccount[] = makeSeed({
    seed: options.seed ?? 1,
    conversations: options.conversations,
    now,
  });
  seeds.push({ account: SECOND_ACCOUNT, contacts: [], conversations: [] });

  // One stored file per demo kind, shared by every seeded attachment that shows it.
  const media = new Map<DemoMediaKind, Attachment>();
  const insertUpload = db.prepare(
    'INSERT INTO uploads (id, account_id, attachment, detected, bytes, created_at) VALUES (?, NULL, ?, ?, ?, ?)',
  );
  const demoAttachment = (kind: DemoMediaKind, id: string): Attachment => {
    let file = media.get(kind);
    if (!file) {
      const bytes = SERVER_MEDIA[kind]();
      const info = DEMO_MEDIA[kind];
      const name = kind === 'video' ? 'walkthrough.gif' : info.name;
      const detected = sniffBytes(bytes.subarray(0, 4100), name)!;
      file = {
        id: `demo-${kind}`,
        name,
        type: detected.mime,
        size: bytes.length,
        url: mediaPath(secret, `demo-${kind}`),
        ...readMediaInfo(bytes),
      };
      insertUpload.run(file.id, JSON.stringify(file), JSON.stringify(detected), Buffer.from(bytes), now);
      media.set(kind, file);
    }
    return { ...file, id };
  };

  const insertAccount = db.prepare('INSERT INTO accounts (id, body) VALUES (?, ?)');
  const insertNumber = db.prepare('INSERT INTO own_numbers (number, account_id) VALUES (?, ?)');
  const insertContact = db.prepare(
    'INSERT INTO contacts (account_id, id, position, body) VALUES (?, ?, ?, ?)',
  );
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, account_id, own_number, participants_key, updated_at, next_seq, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    'INSERT INTO messages (id, account_id, conversation_id, seq, body) VALUES (?, ?, ?, ?, ?)',
  );
  for (const { account, contacts, conversations } of seeds) {
    insertAccount.run(account.id, JSON.stringify(account));
    for (const n of account.numbers) insertNumber.run(n.number, account.id);
    contacts.forEach((c: Contact, i) => insertContact.run(account.id, c.id, i, JSON.stringify(c)));
    const prefix = account.id === MAIN_ACCOUNT_ID ? 'c' : `${account.id}-c`;
    conversations.forEach((sc, index) => {
      const id = `${prefix}${index + 1}`;
      let updatedAt = now;
      for (let i = 0; i < sc.messageCount; i++) {
        const message = seededMessage(sc, id, i, demoAttachment);
        insertMessage.run(message.id, account.id, id, i, JSON.stringify(message));
        updatedAt = message.createdAt;
      }
      const body = { ...seededConversation(sc, id), optedOut: [] };
      insertConversation.run(
        id,
        account.id,
        sc.ownNumber,
        participantsKey(sc.participants),
        updatedAt,
        sc.messageCount,
        JSON.stringify(body),
      );
    });
  }
  db.exec(SEED_SAVED_REPLIES);
}

/** The order-free key of a participant list. */
export function participantsKey(participants: readonly string[]): string {
  return [...new Set(participants)].sort().join(',');
}

/** Path of a stored file, signed so that only someone the server gave it to can fetch it. */
export function mediaPath(secret: string, id: string): string {
  return `/v1/media/${encodeURIComponent(id)}?sig=${mediaSignature(secret, id)}`;
}

/** The signature of a stored file's id (HMAC-SHA-256 with the database's own secret). */
export function mediaSignature(secret: string, id: string): string {
  return createHmac('sha256', secret).update(id).digest('base64url').slice(0, 32);
}
