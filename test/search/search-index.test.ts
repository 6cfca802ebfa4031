import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { createIndexedDbCache } from '../../src/cache/idb-cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { searchDatabaseName } from '../../src/search/search-db.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { createRig, cleanupRigs } from '../helpers/fixture.js';
import type { Rig } from '../helpers/fixture.js';
import { until } from '../helpers/wait.js';

const MARIA = '+12025550143';

async function dbExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Search databases the tests made, deleted after each. */
const names: string[] = [];

/** The search database of the rig's account (deleted after the test). */
function searchDbOf(rig: Rig): string {
  const account = rig.client.getState().account!;
  const db = searchDatabaseName(account.id, account.userId);
  names.push(db);
  return db;
}

async function rigWithIndex(
  options: { maxMessages?: number } = {},
): Promise<{ rig: Rig; index: SearchIndex; db: string }> {
  const rig = await createRig({ conversations: 6, messagesPerConversation: [2, 4], contacts: 5 });
  const db = searchDbOf(rig);
  const index = new SearchIndex(options);
  index.attach(rig.client);
  await index.settled();
  return { rig, index, db };
}

/** Maria texts `text`; resolves once the index finds it by `query`. */
async function receiveIndexed(rig: Rig, index: SearchIndex, text: string, query: string): Promise<void> {
  await rig.backend.receive({ from: MARIA, text });
  await until(() => index.search(query).messages.length === 1, `"${text}" is indexed`);
}

/** "Reload": a new client and a new index over the same account, its stored index read, offline. */
async function reloaded(rig: Rig): Promise<{ client: MessagesClient; index: SearchIndex }> {
  const client = createMessagesClient({ transport: rig.backend.connect(rig.accountId) });
  const index = new SearchIndex();
  index.attach(client);
  await until(() => index.status === 'ready', 'the stored index is read');
  rig.backend.setOffline(true);
  return { client, index };
}

describe('search index (real IndexedDB)', () => {
  afterEach(async () => {
    cleanupRigs();
    for (const n of names.splice(0)) await deleteDb(n);
  });

  it('finds a received message by folded word prefixes, and not by the middle of a word', async () => {
    const { rig, index } = await rigWithIndex();
    await receiveIndexed(rig, index, 'Dirección: Calle Zurbarán 5, código del portón 4471', 'zurbaran');
    await index.settled();
    expect(index.search('DIRECCIÓN ZURBARÁN').messages).to.have.length(1);
    expect(index.search('dir zur').messages[0]!.text).to.contain('Calle Zurbarán');
    expect(index.search('portón').messages).to.have.length(1);
    expect(index.search('porton cod').messages).to.have.length(1);
    expect(index.search('barán').messages).to.have.length(0);
    expect(index.search('zur nada').messages).to.have.length(0);
  });

  it('finds the same person and their messages by any number format', async () => {
    const { rig, index } = await rigWithIndex();
    await receiveIndexed(rig, index, 'The gate code is 4471', 'gate');
    await index.settled();
    for (const q of ['555-0143', '(202) 555 0143', '+1 202 555 0143', '2025550143', '+12025550143']) {
      const page = index.search(q);
      expect(
        page.people.map((p) => p.number),
        q,
      ).to.include(MARIA);
      expect(
        page.messages.some((m) => m.from === MARIA),
        q,
      ).to.equal(true);
    }
  });

  it('follows sends, deletions and removed conversations', async () => {
    const { rig, index } = await rigWithIndex();
    const conversation = rig.client.getState().conversations[0]!;
    await rig.client.openConversation(conversation.id);
    await rig.client.send({ conversationId: conversation.id, text: 'Quedamos en la dirección nueva' });
    await until(() => index.search('quedamos').messages.length === 1, 'the sent message is indexed');
    // Acknowledged by the server: still one entry, now under the server id.
    await until(
      () =>
        rig.client
          .getState()
          .threads[conversation.id]!.messages.some(
            (m) => m.text.startsWith('Quedamos') && m.id !== m.clientId,
          ),
      'acknowledged',
    );
    await index.settled();
    const hits = index.search('quedamos').messages;
    expect(hits).to.have.length(1);
    await rig.client.deleteMessage(conversation.id, hits[0]!.messageId);
    await until(() => index.search('quedamos').messages.length === 0, 'the deleted message leaves the index');

    await receiveIndexed(rig, index, 'Borrador del contrato', 'borrador');
    const maria = index.search('borrador').messages[0]!.conversationId;
    await rig.client.deleteConversation(maria);
    await until(
      () => index.search('borrador').messages.length === 0,
      'a removed conversation leaves the index',
    );
    expect(index.search('555-0143').people).to.have.length(0);
  });

  it('keeps the index across reloads: a new client finds cached messages at once, offline', async () => {
    const { rig, index } = await rigWithIndex();
    await receiveIndexed(rig, index, 'La llave está debajo de la maceta', 'maceta');
    await index.flush();
    index.close();

    // A newer message: the conversation's preview no longer holds the one looked for, so only
    // the stored index can answer for it.
    await rig.backend.receive({ from: MARIA, text: 'Otro mensaje' });
    await index.flush();
    index.close();

    const { client, index: again } = await reloaded(rig);
    expect(client.getState().threads).to.deep.equal({});
    const hit = again.search('llave maceta').messages;
    expect(hit).to.have.length(1);
    expect(hit[0]!.from).to.equal(MARIA);
    client.destroy();
  });

  it('stores messages in records of up to 64 per conversation; changes after a build survive a reload', async () => {
    const { rig, index, db } = await rigWithIndex();
    for (let i = 0; i < 70; i++) await rig.backend.receive({ from: MARIA, text: `Lote ${i} albarán` });
    await until(() => index.search('albaran', { limit: 100 }).messages.length === 70, 'indexed');
    await index.flush();
    const total = index.size.messages;
    const conversations = index.size.conversations;
    const raw = await openDB(db);
    const records = await raw.getAll('chunks');
    raw.close();
    // Each conversation's docs in records of at most 64 (not one record per message).
    expect(records.length).to.be.at.most(conversations + Math.ceil(total / 64));
    expect(records.reduce((n, r: { docs: unknown[] }) => n + r.docs.length, 0)).to.equal(total);

    const hits = index.search('lote 7 albaran').messages;
    expect(hits).to.have.length(1);
    const maria = hits[0]!.conversationId;
    await rig.client.deleteMessage(maria, hits[0]!.messageId);
    await receiveIndexed(rig, index, 'Lote nuevo albarán', 'lote nuevo');
    await index.flush();
    const held = index
      .search('albaran', { limit: 100 })
      .messages.map((m) => m.text)
      .sort();
    expect(held).to.include('Lote nuevo albarán');
    expect(held).to.not.include('Lote 7 albarán');
    index.close();

    const { client, index: again } = await reloaded(rig);
    const found = again.search('albaran', { limit: 100 }).messages.map((m) => m.text);
    expect(found.sort()).to.deep.equal(held);
    expect(again.size.messages).to.equal(index.size.messages);
    client.destroy();
  });

  it('is bounded: past maxMessages the least recently viewed conversations leave first', async () => {
    const { rig, index } = await rigWithIndex({ maxMessages: 8 });
    const [a, b] = rig.client.getState().conversations;
    await rig.client.openConversation(b!.id);
    await rig.client.openConversation(a!.id);
    rig.client.selectConversation(a!.id);
    await index.flush();
    await until(() => index.size.messages <= 8, 'evicted down to the bound');
    // The open conversation stays searchable.
    const text = rig.client.getState().threads[a!.id]!.messages.at(-1)!.text.split(/\s+/)[0]!;
    expect(index.search(text).messages.some((m) => m.conversationId === a!.id)).to.equal(true);
  });

  it('deletes its database on sign-out', async () => {
    const { rig, index, db } = await rigWithIndex();
    await receiveIndexed(rig, index, 'Privado', 'privado');
    await index.flush();
    expect(await dbExists(db)).to.equal(true);
    await rig.client.signOut();
    await until(() => index.search('privado').messages.length === 0, 'memory cleared');
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      gone = !(await dbExists(db));
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone, 'the search database is deleted').to.equal(true);
  });

  it('back-fills from the cache: messages cached before the index existed are found, offline', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [2, 3], contacts: 3 });
    searchDbOf(rig);
    const userId = `backfill-${Date.now()}`;
    // A client with a cache and no search index (an earlier version, or a lost index database).
    const cache = createIndexedDbCache({ accountId: rig.accountId, userId });
    const first = createMessagesClient({ transport: rig.backend.connect(rig.accountId), cache });
    await first.start();
    await rig.backend.receive({ from: MARIA, text: 'El código del portón es 4417' });
    await rig.backend.receive({ from: MARIA, text: 'Otro mensaje' });
    await until(() => first.getState().conversations.some((c) => c.participants[0] === MARIA), 'chat');
    const maria = first.getState().conversations.find((c) => c.participants[0] === MARIA)!;
    await first.openConversation(maria.id);
    await cache.flush();
    first.destroy();

    // Reload, offline: the cache's conversations come back with their newest message only.
    rig.backend.setOffline(true);
    const second = createMessagesClient({
      transport: rig.backend.connect(rig.accountId),
      cache: createIndexedDbCache({ accountId: rig.accountId, userId }),
      autoStart: false,
    });
    const index = new SearchIndex();
    index.attach(second);
    void second.start().catch(() => undefined);
    try {
      await until(() => index.search('porton').messages.length === 1, 'the cached message is indexed', 8000);
      expect(second.getState().threads[maria.id], 'it never passed through the client').to.equal(undefined);
      await index.flush();
      expect(index.conversation(maria.id)!.filled, 'not read again at the next start').to.equal(true);
    } finally {
      index.close();
      second.destroy();
    }
  });

  it('follows the cache eviction: what the cache drops leaves the index, the open chat stays', async () => {
    const rig = await createRig({ conversations: 4, messagesPerConversation: [6, 6], contacts: 3 });
    searchDbOf(rig);
    // The index's own bound is far away: only the cache's eviction can drop anything.
    const client = createMessagesClient({
      transport: rig.backend.connect(rig.accountId),
      cache: createIndexedDbCache({
        accountId: rig.accountId,
        userId: `evict-${Date.now()}`,
        maxMessages: 8,
      }),
    });
    const index = new SearchIndex({ maxMessages: 100_000 });
    index.attach(client);
    try {
      await client.start();
      const [a, b] = client.getState().conversations;
      await client.openConversation(b!.id);
      await index.settled();
      const inB = client.getState().threads[b!.id]!.messages.at(0)!;
      const key = (m: { conversationId: string }) => m.conversationId;
      expect(index.search(inB.text.split(/\s+/)[0]!).messages.map(key)).to.include(b!.id);
      await client.openConversation(a!.id);
      client.selectConversation(a!.id);
      await client.cache!.flush();
      await until(
        () => index.size.messages <= client.getState().threads[a!.id]!.messages.length + 4,
        'the index drops what the cache evicted',
        8000,
      );
      expect(index.search(inB.text.split(/\s+/)[0]!).messages.map(key)).to.not.include(b!.id);
      const inA = client.getState().threads[a!.id]!.messages.at(-1)!;
      expect(index.search(inA.text.split(/\s+/)[0]!).messages.map(key)).to.include(a!.id);
    } finally {
      index.close();
      client.destroy();
    }
  });
});
