// Send later on the reference server over real HTTP: the server sends scheduled messages on time
// with its own timer (no client open), after a restart too (re-armed; overdue ones at once), with
// the usual events to every session; edits, send now, cancel, cancel-if-replied, isolation, errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { collect, startTestServer, SECOND_TOKEN } = await import('./http/harness.ts');
const { makePng } = await import('../../src/transport/memory/media.ts');
const { default: Database } = await import('better-sqlite3');

const RECIPIENT = '+12025550143';
const MAIN_NUMBER = '+12025550199';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A conversation of the main account with RECIPIENT (made by sending to it). */
async function conversation(transport) {
  const m = await transport.sendMessage({
    clientId: crypto.randomUUID(),
    from: MAIN_NUMBER,
    to: [RECIPIENT],
    text: 'hello',
    attachmentIds: [],
  });
  return m.conversationId;
}

const schedule = (transport, conversationId, text, inMs, extra = {}) =>
  transport.scheduleMessage({
    clientId: crypto.randomUUID(),
    conversationId,
    text,
    sendAt: Date.now() + inMs,
    ...extra,
  });

describe('send later on the reference server', () => {
  it('sends on time with its own timer, pushing scheduled.* and the usual message events to every session', async () => {
    const harness = await startTestServer({ deliveryMs: [10, 10] });
    try {
      const tab = harness.transport();
      const other = collect(harness.transport());
      await other.until('connected', () => true);
      const conversationId = await conversation(tab);
      const scheduled = await schedule(tab, conversationId, 'On time', 400, { cancelIfReplied: false });
      assert.equal(scheduled.text, 'On time');
      assert.equal(scheduled.conversationId, conversationId);
      // The scheduling tab goes away: the server sends it anyway.
      tab.close();
      await other.until('scheduled.updated', (ev) =>
        ev.some((e) => e.type === 'scheduled.updated' && e.scheduled.id === scheduled.id),
      );
      const listed = await harness.transport().listScheduled({ conversationId });
      assert.deepEqual(
        listed.map((m) => m.id),
        [scheduled.id],
      );
      await other.until('the message sent by the server', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.clientId === scheduled.clientId),
      );
      const created = other.events.find(
        (e) => e.type === 'message.created' && e.message.clientId === scheduled.clientId,
      );
      assert.ok(Date.now() >= scheduled.sendAt, 'not before its time');
      assert.ok(created.message.createdAt >= scheduled.sendAt, 'created at its time');
      assert.equal(created.message.text, 'On time');
      assert.equal(created.message.direction, 'outbound');
      await other.until('scheduled.removed (sent)', (ev) =>
        ev.some(
          (e) =>
            e.type === 'scheduled.removed' &&
            e.scheduledId === scheduled.id &&
            e.reason === 'sent' &&
            e.messageId === created.message.id,
        ),
      );
      await other.until('delivered', (ev) =>
        ev.some(
          (e) =>
            e.type === 'message.status' && e.messageId === created.message.id && e.status === 'delivered',
        ),
      );
      assert.deepEqual(await harness.transport().listScheduled({ conversationId }), []);
      other.stop();
    } finally {
      await harness.close();
    }
  });

  it('survives a restart: re-arms pending ones and sends the overdue ones at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-scheduled-'));
    const harness = await startTestServer({ database: join(dir, 'sms.sqlite'), deliveryMs: [10, 10] });
    try {
      let transport = harness.transport();
      const conversationId = await conversation(transport);
      const overdue = await schedule(transport, conversationId, 'Overdue while down', 150);
      const soon = await schedule(transport, conversationId, 'Soon after the restart', 900);
      const later = await schedule(transport, conversationId, 'Next week', 7 * 86_400_000);
      // The server goes down before the first is due, and stays down past it.
      await harness.server.close();
      await sleep(300);
      await harness.restart();
      transport = harness.transport();
      const feed = collect(transport);
      const sentTexts = async () =>
        (await transport.listMessages({ conversationId })).messages.map((m) => m.text);
      for (let i = 0; i < 100 && !(await sentTexts()).includes('Overdue while down'); i++) await sleep(20);
      assert.ok((await sentTexts()).includes('Overdue while down'), 'the overdue one went out at start');
      await feed.until(
        'the re-armed one',
        (ev) => ev.some((e) => e.type === 'message.created' && e.message.clientId === soon.clientId),
        5000,
      );
      const soonSent = feed.events.find(
        (e) => e.type === 'message.created' && e.message.clientId === soon.clientId,
      );
      assert.ok(soonSent.message.createdAt >= soon.sendAt, 'the re-armed one waited for its time');
      const left = await transport.listScheduled();
      assert.deepEqual(
        left.map((m) => m.id),
        [later.id],
        'only next week’s is still scheduled',
      );
      const messages = (await transport.listMessages({ conversationId })).messages;
      assert.equal(messages.filter((m) => m.clientId === overdue.clientId).length, 1, 'sent once');
      feed.stop();
    } finally {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('edits, sends now, cancels, cancels when they reply first; refuses the past; never crosses accounts', async () => {
    const harness = await startTestServer({ deliveryMs: [10, 10] });
    try {
      const main = harness.transport();
      const feed = collect(main);
      const conversationId = await conversation(main);
      const a = await schedule(main, conversationId, 'A', 3_600_000);
      const b = await schedule(main, conversationId, 'B', 7_200_000);
      const c = await schedule(main, conversationId, 'C', 10_800_000, { cancelIfReplied: true });
      // Idempotent by client id.
      const again = await main.scheduleMessage({
        clientId: a.clientId,
        conversationId,
        text: 'A',
        sendAt: a.sendAt,
      });
      assert.equal(again.id, a.id);
      const edited = await main.updateScheduled({
        scheduledId: a.id,
        text: 'A edited',
        sendAt: a.sendAt + 60_000,
      });
      assert.equal(edited.text, 'A edited');
      assert.equal(edited.sendAt, a.sendAt + 60_000);
      await feed.until('scheduled.updated of the edit', (ev) =>
        ev.some((e) => e.type === 'scheduled.updated' && e.scheduled.text === 'A edited'),
      );
      const now = await main.sendScheduledNow({ scheduledId: b.id });
      assert.equal(now.text, 'B');
      assert.equal(now.clientId, b.clientId);
      await main.cancelScheduled({ scheduledId: a.id });
      await feed.until('cancelled', (ev) =>
        ev.some((e) => e.type === 'scheduled.removed' && e.scheduledId === a.id && e.reason === 'cancelled'),
      );
      const inbound = await harness.receive({ from: RECIPIENT, text: 'Already here', to: MAIN_NUMBER });
      assert.equal(inbound.status, 201);
      await feed.until('cancelled by the reply', (ev) =>
        ev.some((e) => e.type === 'scheduled.removed' && e.scheduledId === c.id && e.reason === 'replied'),
      );
      assert.deepEqual(await main.listScheduled(), []);

      // Errors, over HTTP.
      const d = await schedule(main, conversationId, 'D', 3_600_000);
      const post = (body) =>
        harness.fetch('/v1/scheduled', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify(body),
        });
      const code = async (response, status, expected) => {
        assert.equal(response.status, status);
        assert.equal((await response.json()).error.code, expected);
      };
      await code(
        await post({ conversationId, text: 'x', sendAt: Date.now() - 1000 }),
        400,
        'scheduled-in-past',
      );
      await code(
        await post({ conversationId, text: '  ', sendAt: Date.now() + 60_000 }),
        400,
        'empty-message',
      );
      await code(
        await post({ conversationId: 'nope', text: 'x', sendAt: Date.now() + 60_000 }),
        404,
        'not-found',
      );
      await code(
        await harness.fetch(`/v1/scheduled/${d.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ sendAt: Date.now() - 5 }),
        }),
        400,
        'scheduled-in-past',
      );
      await code(await harness.fetch(`/v1/scheduled/${a.id}`, { method: 'DELETE' }), 404, 'not-found');
      // Another account sees nothing of it and cannot touch it.
      const globex = harness.transport(SECOND_TOKEN);
      assert.deepEqual(await globex.listScheduled(), []);
      await assert.rejects(globex.cancelScheduled({ scheduledId: d.id }), (e) => e.kind === 'not-found');
      await assert.rejects(globex.sendScheduledNow({ scheduledId: d.id }), (e) => e.kind === 'not-found');
      await assert.rejects(
        globex.scheduleMessage({ clientId: 'g1', conversationId, text: 'x', sendAt: Date.now() + 60_000 }),
        (e) => e.kind === 'not-found',
      );
      assert.deepEqual(
        (await main.listScheduled()).map((m) => m.id),
        [d.id],
      );
      assert.ok(harness.logs.some((l) => l.event === 'cross-account-access' && l.resource === 'scheduled'));
      feed.stop();
    } finally {
      await harness.close();
    }
  });
  it('keeps a scheduled photo across a restart and sends it with its bytes; refuses what a send refuses; migrates older rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-scheduled-photo-'));
    const file = join(dir, 'sms.sqlite');
    let harness = await startTestServer({ database: file, deliveryMs: [10, 10] });
    try {
      let transport = harness.transport();
      const conversationId = await conversation(transport);
      const png = makePng(3, 2, 0);
      const photo = await transport.uploadAttachment({
        file: new Blob([png]),
        name: 'cake.png',
        from: MAIN_NUMBER,
      });
      // Due in 3 s: the checks below (eleven uploads, two refusals) end before it on a busy machine too
      // (at 700 ms it was sometimes sent before they ended, and the list below was empty).
      const scheduled = await schedule(transport, conversationId, '', 3000, { attachmentIds: [photo.id] });
      assert.deepEqual(
        scheduled.attachments.map((a) => [a.id, a.name, a.type]),
        [[photo.id, 'cake.png', 'image/png']],
      );
      // What a send refuses, scheduling refuses with the same code, and nothing is scheduled.
      await assert.rejects(
        schedule(transport, conversationId, 'x', 60_000, { attachmentIds: ['no-such-upload'] }),
        (e) => e.kind === 'invalid' && e.code === 'unknown-attachment',
      );
      const many = await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          transport.uploadAttachment({ file: new Blob([png]), name: `p${i}.png`, from: MAIN_NUMBER }),
        ),
      );
      const tooMany = (e) => e.kind === 'invalid' && e.code === 'too-many-files';
      await assert.rejects(
        transport.sendMessage({
          clientId: crypto.randomUUID(),
          from: MAIN_NUMBER,
          to: [RECIPIENT],
          text: 'x',
          attachmentIds: many.map((a) => a.id),
        }),
        tooMany,
      );
      await assert.rejects(
        schedule(transport, conversationId, 'x', 60_000, { attachmentIds: many.map((a) => a.id) }),
        tooMany,
      );
      assert.deepEqual(
        (await transport.listScheduled({ conversationId })).map((m) => m.id),
        [scheduled.id],
      );
      // Down past its time: at start it goes out, with the photo, and the photo's bytes are there.
      await harness.server.close();
      await sleep(Math.max(0, scheduled.sendAt - Date.now()) + 100);
      await harness.restart();
      transport = harness.transport();
      let sent;
      for (let i = 0; i < 100 && !sent; i++) {
        sent = (await transport.listMessages({ conversationId })).messages.find(
          (m) => m.clientId === scheduled.clientId,
        );
        if (!sent) await sleep(20);
      }
      assert.ok(sent, 'the overdue photo went out at start');
      assert.deepEqual(
        sent.attachments.map((a) => a.id),
        [photo.id],
      );
      const bytes = await fetch(sent.attachments[0].url);
      assert.equal(bytes.status, 200);
      assert.deepEqual(new Uint8Array(await bytes.arrayBuffer()), png);
      // A row scheduled before migration 5 (no attachments in its body) reads as a text.
      const text = await schedule(transport, conversationId, 'From before', 3_600_000);
      await harness.close();
      const raw = new Database(file);
      const row = raw.prepare('SELECT body FROM scheduled WHERE id = ?').get(text.id);
      const old = JSON.parse(row.body);
      delete old.attachments;
      raw.prepare('UPDATE scheduled SET body = ? WHERE id = ?').run(JSON.stringify(old), text.id);
      raw.exec('PRAGMA user_version = 4;');
      raw.close();
      harness = await startTestServer({ database: file, deliveryMs: [10, 10] });
      const listed = await harness.transport().listScheduled({ conversationId });
      assert.deepEqual(
        listed.map((m) => [m.id, m.attachments]),
        [[text.id, []]],
      );
    } finally {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
