// Message search and pages around a message on the reference server over real HTTP: the FTS5 index
// survives restarts, is built for databases made before it existed, follows deletes and status
// changes, and never crosses accounts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { register } from 'tsx/esm/api';

register();
const { startTestServer, SECOND_ACCOUNT_ID, SECOND_TOKEN } = await import('./http/harness.ts');

const RECIPIENT = '+12025550143';
const MAIN_NUMBER = '+12025550199';
const GLOBEX_NUMBER = '+13125550177';

const send = (transport, text, to = [RECIPIENT]) =>
  transport.sendMessage({ clientId: crypto.randomUUID(), from: MAIN_NUMBER, to, text, attachmentIds: [] });

/** Ids of every result of a query, all pages. */
async function searchIds(transport, query, limit = 100) {
  const ids = [];
  let cursor;
  do {
    const page = await transport.searchMessages({ query, limit, cursor });
    ids.push(...page.results.map((r) => r.message.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('message search on the reference server', () => {
  it('finds messages after a restart, and builds the index of a database made before search existed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-search-'));
    const file = join(dir, 'sms.sqlite');
    try {
      let harness = await startTestServer({ database: file });
      const sent = await send(harness.transport(), 'Nueva dirección: Zqfile 12');
      const inbound = await harness.receive({
        from: RECIPIENT,
        text: 'llámame al (415) 555-2671',
        to: MAIN_NUMBER,
      });
      assert.equal(inbound.status, 201);
      await harness.restart();
      let transport = harness.transport();
      assert.deepEqual(await searchIds(transport, 'DIRECCION zqf'), [sent.id]);
      const byDigits = await searchIds(transport, '4155552671');
      assert.equal(byDigits.length, 1, 'the number written in the inbound text');
      await harness.close();

      // A database of schema version 1 (before migration 2 added the index, and before the later
      // migrations' tables existed): the migration indexes every message already stored.
      const raw = new Database(file);
      raw.exec(`DROP TRIGGER message_search_insert; DROP TRIGGER message_search_delete;
        DROP TRIGGER message_search_update; DROP TABLE message_search;
        DROP TABLE saved_replies; DROP TABLE scheduled; PRAGMA user_version = 1;`);
      raw.close();
      harness = await startTestServer({ database: file });
      transport = harness.transport();
      assert.deepEqual(await searchIds(transport, 'direccion zqfile'), [sent.id]);
      assert.deepEqual(await searchIds(transport, '(415) 555-2671'), byDigits);
      const seeded = await searchIds(transport, 'direccion');
      assert.ok(seeded.length > 1, 'seeded messages are indexed too');
      await harness.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows status changes and deletes, and never crosses accounts', async () => {
    const harness = await startTestServer({ deliveryMs: [5, 5] });
    try {
      const main = harness.transport();
      const globex = harness.transport(SECOND_TOKEN);
      const a = await send(main, 'zqshared gate code 4471');
      const b = await send(main, 'zqshared again', ['+12025550144']);
      const theirs = await harness.receive(
        { from: RECIPIENT, text: 'zqshared from Globex', to: GLOBEX_NUMBER },
        SECOND_ACCOUNT_ID,
      );
      assert.equal(theirs.status, 201);
      // Let the carrier deliver (the message bodies change, the text does not).
      for (let i = 0; i < 100; i++) {
        const page = await main.listMessages({ conversationId: a.conversationId });
        if (page.messages.every((m) => m.status === 'delivered')) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(await searchIds(main, 'ZQSHARED'), [b.id, a.id], 'once each, newest first');
      assert.equal((await searchIds(globex, 'zqshared')).length, 1, 'Globex finds only its own message');
      assert.deepEqual(await searchIds(globex, '+12025550144'), [], 'nor by another account’s recipient');
      await main.deleteConversation({ conversationId: b.conversationId });
      assert.deepEqual(await searchIds(main, 'zqshared'), [a.id]);
      await main.deleteMessage({ conversationId: a.conversationId, messageId: a.id });
      assert.deepEqual(await searchIds(main, 'zqshared'), []);
      // SQLite gives the next message the row id of a deleted last one: its old words must be gone.
      const c = await send(main, 'zqshared last');
      await main.deleteMessage({ conversationId: c.conversationId, messageId: c.id });
      const d = await send(main, 'plain words');
      assert.deepEqual(
        await searchIds(main, 'zqshared'),
        [],
        'a deleted message’s words do not find the next one',
      );
      assert.deepEqual(await searchIds(main, 'plain words'), [d.id]);
    } finally {
      await harness.close();
    }
  });

  it('answers the documented errors over HTTP', async () => {
    const harness = await startTestServer();
    try {
      const error = async (path, status, code) => {
        const response = await harness.fetch(path);
        assert.equal(response.status, status, path);
        assert.equal((await response.json()).error.code, code, path);
      };
      await error('/v1/search/messages?q=hola&cursor=nope', 400, 'bad-cursor');
      await error('/v1/search/messages?q=hola&limit=many', 400, 'bad-request');
      const ok = await harness.fetch('/v1/search/messages?q=hola&limit=500');
      assert.equal(ok.status, 200);
      assert.ok((await ok.json()).results.length <= 100, 'limit capped at 100');
      const empty = await (await harness.fetch('/v1/search/messages?q=%20-%20')).json();
      assert.deepEqual(empty, { results: [], nextCursor: null });
      const transport = harness.transport();
      const m = await send(transport, 'around me');
      const base = `/v1/conversations/${m.conversationId}/messages`;
      await error(`${base}?around=no-such-message`, 404, 'not-found');
      const page = await transport.listMessages({ conversationId: m.conversationId, limit: 2 });
      await error(`${base}?around=${m.id}&before=${page.olderCursor}`, 400, 'bad-request');
      const around = await (await harness.fetch(`${base}?around=${m.id}&limit=3`)).json();
      assert.equal(around.messages.at(-1).id, m.id);
      assert.equal(around.hasNewer, false);
    } finally {
      await harness.close();
    }
  });
});
