import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import type { MessagesCache } from '../../src/cache/cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

const ACCOUNT = 'acct-acme';
let run = 0;
let userId = '';
const clients: MessagesClient[] = [];
let backend: MemoryBackend;

function cache(extra: { maxMessages?: number } = {}): MessagesCache {
  return createIndexedDbCache({ accountId: ACCOUNT, userId, ...extra });
}

function client(c: MessagesCache): MessagesClient {
  const made = createMessagesClient({
    transport: backend.connect(backend.accounts[0]!.id),
    cache: c,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  clients.push(made);
  return made;
}

/** Closes a client as a closing tab does, and lets its last cache writes land. */
async function closeTab(c: MessagesClient): Promise<void> {
  c.destroy();
  await new Promise((r) => setTimeout(r, 100));
}

/** Starts `made`, opens a one-to-one chat and sends `text` into it with the backend offline. */
async function sendOffline(made: MessagesClient, text: string): Promise<void> {
  await made.start();
  const c = made
    .getState()
    .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
  await made.openConversation(c.id);
  backend.setOffline(true);
  await made.send({ conversationId: c.id, text });
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

describe('IndexedDB cache', () => {
  beforeEach(() => {
    userId = `user-${Date.now()}-${run++}`;
    backend = createMemoryBackend({ latencyMs: 0, conversations: 40, deliveryMs: [10, 20] });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    backend.dispose();
    await new Promise((r) => setTimeout(r, 20));
    indexedDB.deleteDatabase(cacheDatabaseName(ACCOUNT, userId));
  });

  it('reads a long cached thread a page at a time, and pages older messages from the cache offline', async () => {
    backend.dispose();
    backend = createMemoryBackend({ latencyMs: 0, conversations: 3, hugeThread: 700 });
    const first = client(cache());
    await first.start();
    const id = first.getState().conversations[0]!.id;
    await first.openConversation(id);
    for (let i = 0; i < 11; i++) await first.loadOlder(id);
    const all = first.getState().threads[id]!.messages;
    expect(all.length).to.equal(600);
    await closeTab(first);

    backend.setOffline(true);
    const second = client(cache());
    await second.start();
    await second.openConversation(id).catch(() => undefined);
    const shown = () => second.getState().threads[id]!.messages;
    expect(shown().length, 'only the newest page is read at start').to.equal(200);
    expect(shown().at(-1)!.id).to.equal(all.at(-1)!.id);
    await second.loadOlder(id);
    expect(shown().length, 'older messages come from the cache, offline').to.equal(400);
    expect(shown()[0]!.id).to.equal(all[200]!.id);
    await second.loadOlder(id);
    await second.loadOlder(id);
    expect(shown().length).to.equal(600);
    expect(shown().map((m) => m.id)).to.deep.equal(all.map((m) => m.id));

    await closeTab(second);

    // Online: the network's newest page overlaps the cached one, so the cached window stays.
    backend.setOffline(false);
    const third = client(cache());
    await third.start();
    await third.openConversation(id);
    const t = () => third.getState().threads[id]!;
    expect(t().status).to.equal('ready');
    expect(t().messages.length, 'the cached page is kept, not cut to the network page').to.equal(200);
    await third.loadOlder(id);
    expect(t().messages.length).to.equal(400);
  });

  it('restores a long conversation list a page at a time, and pages older chats from the cache offline', async () => {
    backend.dispose();
    backend = createMemoryBackend({ latencyMs: 0, conversations: 250 });
    const first = client(cache());
    await first.start();
    while (!first.getState().conversationsComplete) await first.loadMoreConversations();
    const all = first.getState().conversations.map((c) => c.id);
    expect(all.length).to.equal(250);
    await closeTab(first);

    backend.setOffline(true);
    const second = client(cache());
    await second.start();
    const shown = () => second.getState().conversations.map((c) => c.id);
    expect(shown(), 'only the newest chats are read at start').to.deep.equal(all.slice(0, 100));
    expect(second.getState().conversationsComplete).to.equal(false);
    await second.loadMoreConversations();
    expect(shown(), 'older chats come from the cache, offline').to.deep.equal(all.slice(0, 200));
    await second.loadMoreConversations();
    expect(shown()).to.deep.equal(all);
    expect(second.getState().conversationsComplete, 'the end of the list is known').to.equal(true);
    await closeTab(second);

    // Online: the server's first page replaces the cached one, and paging goes on from the server.
    backend.setOffline(false);
    const third = client(cache());
    await third.start();
    const n = third.getState().conversations.length;
    expect(n).to.be.greaterThan(0).and.lessThan(100);
    await third.loadMoreConversations();
    expect(
      third
        .getState()
        .conversations.map((c) => c.id)
        .slice(0, n + 1),
    ).to.deep.equal(all.slice(0, n + 1));
  });

  it('renders from the cache first when the network is down, then revalidates', async () => {
    const first = client(cache());
    await first.start();
    const convs = first.getState().conversations;
    await first.openConversation(convs[0]!.id);
    const cachedMessages = first.getState().threads[convs[0]!.id]!.messages.length;
    first.setDraft(convs[1]!.id, { text: 'half-written reply', attachments: [] });
    first.destroy();
    await new Promise((r) => setTimeout(r, 50));

    backend.setOffline(true);
    const second = client(cache());
    await second.start();
    const s = second.getState();
    expect(s.account?.id).to.equal(ACCOUNT);
    expect(s.conversations.map((c) => c.id)).to.deep.equal(convs.map((c) => c.id));
    expect(s.drafts[convs[1]!.id]!.text).to.equal('half-written reply');
    await second.openConversation(convs[0]!.id);
    expect(second.getState().threads[convs[0]!.id]!.messages.length).to.equal(cachedMessages);

    backend.setOffline(false);
    await backend.receive({
      accountId: ACCOUNT,
      from: convs[5]!.participants[0],
      to: convs[5]!.ownNumber,
      text: 'while you were away',
    });
    await until(
      () => second.getState().conversations[0]!.id === convs[5]!.id,
      'revalidated from the network',
    );
  });

  it('commits a message to the outbox before sending, and a reload mid-send resumes it once', async () => {
    const first = client(cache());
    await first.start();
    const c = first
      .getState()
      .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
    await first.openConversation(c.id);
    backend.setOffline(true);
    const echo = await first.send({ conversationId: c.id, text: 'survives a reload' });
    await new Promise((r) => setTimeout(r, 50));
    const db = await openDB(cacheDatabaseName(ACCOUNT, userId));
    const stored = await db.get('outbox', echo.clientId!);
    db.close();
    expect(stored?.message.text).to.equal('survives a reload');
    first.destroy(); // the tab closes before the server acknowledged

    backend.setOffline(false);
    const second = client(cache());
    await second.start();
    await until(
      () =>
        second.getState().threads[c.id]?.messages.find((m) => m.clientId === echo.clientId)?.status ===
        'delivered',
      'resent after the reload and delivered',
      5000,
    );
    const page = await backend.connect(ACCOUNT).listMessages({ conversationId: c.id, limit: 200 });
    expect(page.messages.filter((m) => m.clientId === echo.clientId).length).to.equal(1);
    await until(() => second.unsentMessages().length === 0, 'outbox empty');
    await new Promise((r) => setTimeout(r, 50));
    const after = await openDB(cacheDatabaseName(ACCOUNT, userId));
    expect(await after.count('outbox')).to.equal(0);
    after.close();
  });

  // Regression (model-based test, counterexample [send, send, send, offline, reload]): a message
  // restored from the outbox after a reload went from "sending" back to "queued".
  it('restores an unsent message as sending, never back to queued', async () => {
    const first = client(cache());
    await first.start();
    const c = first
      .getState()
      .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
    await first.openConversation(c.id);
    backend.setOffline(true);
    const echo = await first.send({ conversationId: c.id, text: 'in flight at reload' });
    await until(
      () =>
        first.getState().threads[c.id]!.messages.find((m) => m.clientId === echo.clientId)?.status ===
        'sending',
      'sending',
    );
    first.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const second = client(cache());
    const statuses: string[] = [];
    second.state$.subscribe((s) => {
      const m = s.threads[c.id]?.messages.find((x) => x.clientId === echo.clientId);
      if (m && statuses.at(-1) !== m.status) statuses.push(m.status);
    });
    await second.start();
    backend.setOffline(false);
    await until(() => statuses.at(-1) === 'delivered', 'delivered after the reload', 5000);
    expect(statuses).to.not.include('queued');
  });

  it('keeps working from memory, with a warning, when IndexedDB is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const made = client(cache());
      await made.start();
      expect(made.getState().storage).to.equal('unavailable');
      expect(made.getState().conversations.length).to.be.greaterThan(0);
      const c = made
        .getState()
        .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
      await made.openConversation(c.id);
      const echo = await made.send({ conversationId: c.id, text: 'still sends' });
      await until(
        () =>
          made.getState().threads[c.id]!.messages.find((m) => m.clientId === echo.clientId)?.status ===
          'delivered',
        'delivered',
      );
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
    }
  });

  it('keeps only the most recently viewed conversations within the size bound', async () => {
    const made = client(cache({ maxMessages: 60 }));
    await made.start();
    for (const c of made.getState().conversations.slice(0, 6)) await made.openConversation(c.id);
    await new Promise((r) => setTimeout(r, 200));
    const db = await openDB(cacheDatabaseName(ACCOUNT, userId));
    expect(await db.count('messages')).to.be.at.most(60);
    db.close();
  });

  it('deletes the account’s database on sign-out, reporting unsent messages', async () => {
    const made = client(cache());
    await sendOffline(made, 'never sent');
    const discarded = await made.signOut();
    expect(discarded.map((m) => m.text)).to.deep.equal(['never sent']);
    expect(await databaseExists(cacheDatabaseName(ACCOUNT, userId))).to.equal(false);
  });

  // Two tabs write the same messages, each its own view, each up to 40 ms late (issue 23.3): a
  // follower's late write of its echo landed after the leader had stored the acknowledged copy,
  // and a reloaded tab showed the message as waiting to send again.
  it('never lets a late write of another tab take a stored status back or bring back an acknowledged echo', async () => {
    const leader = cache();
    const follower = cache();
    const echo = {
      id: 'k1',
      clientId: 'k1',
      conversationId: 'c1',
      direction: 'outbound' as const,
      from: '+12025550199',
      to: ['+12025550100'],
      text: 'written in the follower',
      attachments: [],
      status: 'queued' as const,
      createdAt: 1000,
    };
    const acknowledged = { ...echo, id: 's1', status: 'delivered' as const };
    leader.write([{ op: 'put-window', conversationId: 'c1', olderCursor: null, newerCursor: null }]);
    leader.write([
      { op: 'delete-message', conversationId: 'c1', messageId: 'k1' },
      { op: 'put-message', message: acknowledged },
    ]);
    await leader.flush();
    // The follower's writes of its older view land afterwards.
    follower.write([{ op: 'put-message', message: echo }]);
    follower.write([{ op: 'put-message', message: { ...acknowledged, status: 'sent' } }]);
    await follower.flush();
    const reader = cache();
    const shown = (await reader.thread('c1'))!.messages.map((m) => [m.id, m.status]);
    expect(shown).to.deep.equal([['s1', 'delivered']]);
    // The person's retry of a failed message does take it back to queued.
    const failed = { ...echo, id: 'k2', clientId: 'k2', status: 'failed' as const, createdAt: 2000 };
    leader.write([{ op: 'put-message', message: failed }]);
    leader.write([{ op: 'put-message', message: { ...failed, status: 'queued' }, retried: true }]);
    leader.write([{ op: 'put-message', message: { ...failed, status: 'sending' } }]);
    follower.write([{ op: 'put-message', message: { ...failed, status: 'queued' } }]);
    await leader.flush();
    await follower.flush();
    const retried = (await reader.thread('c1'))!.messages.find((m) => m.id === 'k2');
    expect(retried?.status).to.equal('sending');
    for (const c of [leader, follower, reader]) c.close();
  });

  it('writes each record once per batch: the last write of a chat, of the sync progress, of a message', async () => {
    const c = cache();
    const message = {
      id: 'm1',
      conversationId: 'c1',
      direction: 'inbound' as const,
      from: '+12025550100',
      to: ['+12025550199'],
      text: 'hello',
      attachments: [],
      status: 'delivered' as const,
      createdAt: 1000,
    };
    const chat = (n: number) => ({
      id: 'c1',
      participants: ['+12025550100'],
      ownNumber: '+12025550199',
      unreadCount: n,
      updatedAt: 1000 + n,
    });
    // A burst: every text moves the chat and the push channel's progress on.
    const notified: string[] = [];
    for (let n = 1; n <= 50; n++) {
      notified.push(`e${n}`);
      c.write([
        { op: 'put-sync', sync: { lastEventId: `e${n}`, through: null, notified: [...notified] } },
        { op: 'put-conversation', conversation: chat(n) },
        { op: 'put-message', message: { ...message, text: `hello ${n}` } },
      ]);
    }
    c.write([{ op: 'put-window', conversationId: 'c1', olderCursor: null, newerCursor: null }]);
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      puts++;
      return put.apply(this, args);
    };
    try {
      await c.flush();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    // The sync progress, the chat, the message and the window: once each.
    expect(puts).to.equal(4);
    const db = await openDB(cacheDatabaseName(ACCOUNT, userId));
    expect(await db.get('conversations', 'c1')).to.deep.equal(chat(50));
    expect(((await db.get('meta', 'sync')) as { lastEventId: string }).lastEventId).to.equal('e50');
    db.close();
    expect((await c.thread('c1'))!.messages.map((m) => m.text)).to.deep.equal(['hello 50']);
    c.close();
  });

  // Issue 21 (decision 0019): a burst of inbound texts committed a transaction every 40 ms, each
  // cloning every changed chat on the main thread; a stream that lasts is written every 200 ms.
  it('gathers a lasting stream of writes into fewer transactions, and loses none of it', async () => {
    const c = cache();
    const chat = (n: number) => ({
      id: `c${n % 5}`,
      participants: ['+12025550100'],
      ownNumber: '+12025550199',
      unreadCount: n,
      updatedAt: 1000 + n,
    });
    await c.open();
    const transaction = IDBDatabase.prototype.transaction;
    let commits = 0;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      if (args[1] === 'readwrite') commits++;
      return transaction.apply(this, args);
    } as IDBDatabase['transaction'];
    let n = 0;
    const start = performance.now();
    try {
      while (performance.now() - start < 2000) {
        c.write([{ op: 'put-conversation', conversation: chat(++n) }]);
        await new Promise((r) => setTimeout(r, 5));
      }
      await c.flush();
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    const elapsed = performance.now() - start;
    // Five batches of 40 ms make a stream; then one per 200 ms, and the last one flushed.
    expect(commits).to.be.at.most(5 + Math.ceil(elapsed / 200) + 2);
    const db = await openDB(cacheDatabaseName(ACCOUNT, userId));
    for (let k = n - 4; k <= n; k++)
      expect(await db.get('conversations', `c${k % 5}`)).to.deep.equal(chat(k));
    db.close();
    c.close();
  });

  // A cache closed while its database was still opening (a client made and destroyed at once,
  // and the cache now opens as it is created) kept the connection that opened afterwards: a newer
  // version in another tab then found it, and the closed cache reported itself blocked.
  it('closes a connection that finishes opening after close()', async () => {
    const c = cache();
    const health: string[] = [];
    c.onHealthChange((h) => health.push(h));
    void c.open();
    c.close();
    await new Promise((r) => setTimeout(r, 200));
    const newer = await new Promise<string>((resolve) => {
      const request = indexedDB.open(cacheDatabaseName(ACCOUNT, userId), 2);
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve('opened');
      };
      request.onerror = () => resolve('error');
    });
    expect(newer).to.equal('opened');
    expect(health, 'a closed cache reports nothing').to.deep.equal([]);
  });

  it('waits for unsent messages on sign-out by the client’s clock, not the wall clock', async () => {
    let clock = Date.now();
    const made = createMessagesClient({
      transport: backend.connect(backend.accounts[0]!.id),
      cache: cache(),
      now: () => clock,
      retry: { baseDelayMs: 20, maxDelayMs: 100, windowMs: 24 * 3_600_000 },
    });
    clients.push(made);
    await sendOffline(made, 'still waiting');
    // A minute of the client's clock passes at once: sign-out stops waiting (the test would
    // time out long before a minute of wall clock).
    const signingOut = made.signOut({ unsent: 'send', waitMs: 60_000 });
    clock += 61_000;
    const discarded = await signingOut;
    expect(discarded.map((m) => m.text)).to.deep.equal(['still waiting']);
  });

  it('keeps accounts and users apart', () => {
    expect(cacheDatabaseName('a', 'u1')).to.not.equal(cacheDatabaseName('a', 'u2'));
    expect(cacheDatabaseName('a', 'u1')).to.not.equal(cacheDatabaseName('b', 'u1'));
  });
});
