// Saved replies on the reference server over real HTTP: kept in SQLite across restarts, added to a
// database made before they existed (migration 3), per account, with the documented errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { register } from 'tsx/esm/api';

register();
const { startTestServer, SECOND_TOKEN } = await import('./http/harness.ts');

describe('saved replies on the reference server', () => {
  it('keeps personal replies across a restart, and migration 3 adds them to an older database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-replies-'));
    let cleanup = async () => undefined;
    const file = join(dir, 'sms.sqlite');
    try {
      let harness = await startTestServer({ database: file });
      cleanup = () => harness.close();
      let transport = harness.transport();
      const shared = await transport.listSavedReplies();
      assert.ok(shared.length >= 3, 'the seeded account has shared replies');
      assert.ok(shared.every((r) => r.personal === false));
      assert.ok(shared.some((r) => r.text.includes('{first_name}')));
      const mine = await transport.saveSavedReply({ title: ' Gate code ', text: 'The gate code is {code}.' });
      assert.equal(mine.title, 'Gate code');
      await harness.restart();
      transport = harness.transport();
      const changed = await transport.saveSavedReply({ id: mine.id, title: 'Gate', text: 'Code: {code}' });
      assert.equal(changed.id, mine.id);
      const after = await transport.listSavedReplies();
      assert.deepEqual(
        after.filter((r) => r.personal).map((r) => [r.id, r.title, r.text]),
        [[mine.id, 'Gate', 'Code: {code}']],
      );
      await harness.close();

      // A database of schema version 2 (before saved replies): migration 3 adds the shared ones.
      const raw = new Database(file);
      raw.exec('DROP TABLE saved_replies; DROP TABLE scheduled; PRAGMA user_version = 2;');
      raw.close();
      harness = await startTestServer({ database: file });
      cleanup = () => harness.close();
      transport = harness.transport();
      const migrated = await transport.listSavedReplies();
      assert.deepEqual(
        migrated.map((r) => r.id).sort(),
        shared.map((r) => r.id).sort(),
        'the shared replies, for the account with texting numbers',
      );
      const theirs = await harness.transport(SECOND_TOKEN).listSavedReplies();
      assert.equal(theirs.length, shared.length, 'each account with numbers gets its own shared replies');
      assert.ok(!theirs.some((r) => r.personal), 'and never the other account’s personal ones');
      await harness.close();
    } catch (error) {
      await cleanup().catch(() => undefined);
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the documented statuses and errors over HTTP', async () => {
    const harness = await startTestServer();
    try {
      const call = async (path, method, body, status, code) => {
        const response = await harness.fetch(path, {
          method,
          ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
        });
        assert.equal(response.status, status, `${method} ${path}`);
        if (code) assert.equal((await response.json()).error.code, code, `${method} ${path}`);
        return response;
      };
      const created = await (await call('/v1/saved-replies', 'POST', { title: 'A', text: 'B' }, 201)).json();
      assert.equal(created.personal, true);
      await call('/v1/saved-replies', 'POST', { title: '', text: 'B' }, 400, 'bad-request');
      await call('/v1/saved-replies', 'POST', { title: 'A', text: 'x'.repeat(1601) }, 400, 'bad-request');
      await call('/v1/saved-replies/sr-welcome', 'PUT', { title: 'A', text: 'B' }, 400, 'read-only');
      await call('/v1/saved-replies/sr-welcome', 'DELETE', null, 400, 'read-only');
      await call('/v1/saved-replies/nope', 'PUT', { title: 'A', text: 'B' }, 404, 'not-found');
      // Another account cannot touch it.
      const other = await harness.fetch(`/v1/saved-replies/${created.id}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${SECOND_TOKEN}` },
      });
      assert.equal(other.status, 404);
      await call(`/v1/saved-replies/${created.id}`, 'DELETE', null, 204);
      await call(`/v1/saved-replies/${created.id}`, 'DELETE', null, 404, 'not-found');
      const preflight = await harness.fetch('/v1/saved-replies/x', { method: 'OPTIONS' });
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    } finally {
      await harness.close();
    }
  });
});
