// The HTTP protocol's hard cases against the reference server on 127.0.0.1: event-stream resume,
// idempotent retries, token refresh, rate limits, account isolation, uploads, malformed bodies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { startTestServer, collect, MAIN_ACCOUNT_ID, SECOND_ACCOUNT_ID, SECOND_TOKEN } =
  await import('./http/harness.ts');
const { makePng } = await import('../../src/transport/memory/media.ts');

const RECIPIENT = '+12025550143';
const MAIN_NUMBER = '+12025550199';
const TOLL_FREE = '+18005550199';

const send = (transport, text, clientId = crypto.randomUUID()) =>
  transport.sendMessage({ clientId, from: MAIN_NUMBER, to: [RECIPIENT], text, attachmentIds: [] });

async function rejects(promise, kind, code) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, 'TransportError', String(error));
    assert.equal(error.kind, kind, `kind of ${error.message}`);
    if (code) assert.equal(error.code, code, `code of ${error.message}`);
    return true;
  });
}

/** Every message.created id exactly once, and event ids strictly increasing. */
function assertNoLossNoRepeat(events, expectedMessageIds) {
  const ids = events.filter((e) => e.eventId !== undefined).map((e) => Number(e.eventId));
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], `event ids go up: ${ids.join()}`);
  const created = events.filter((e) => e.type === 'message.created').map((e) => e.message.id);
  for (const id of expectedMessageIds) {
    assert.equal(created.filter((x) => x === id).length, 1, `message.created of ${id} exactly once`);
  }
  assert.equal(new Set(created).size, created.length, 'no message.created twice');
}

describe('event stream', () => {
  let harness;
  before(async () => (harness = await startTestServer()));
  after(() => harness.close());

  it('resumes with Last-Event-ID after the server drops it: nothing lost, nothing repeated', async () => {
    const transport = harness.transport();
    const feed = collect(transport);
    try {
      const first = await send(transport, 'before the drop');
      await feed.until('the first message', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === first.id),
      );
      assert.equal(harness.server.dropEventStreams(MAIN_ACCOUNT_ID), 1, 'one stream dropped');
      // While the transport is reconnecting: three inbound texts and a send.
      const inbound = [];
      for (const text of ['while down 1', 'while down 2', 'while down 3']) {
        inbound.push(harness.server.receive({ accountId: MAIN_ACCOUNT_ID, from: RECIPIENT, text }).id);
      }
      const second = await send(transport, 'during the reconnect');
      const expected = [first.id, ...inbound, second.id];
      await feed.until('every message after the drop', (ev) =>
        expected.every((id) => ev.some((e) => e.type === 'message.created' && e.message.id === id)),
      );
      await feed.until('the final status of both sends', (ev) =>
        [first.id, second.id].every((id) =>
          ev.some((e) => e.type === 'message.status' && e.messageId === id && e.status === 'delivered'),
        ),
      );
      assertNoLossNoRepeat(feed.events, expected);
      // The resumed stream carried the missed events, so the drop was not reported as offline.
      assert.ok(!feed.events.some((e) => e.type === 'connection'), 'no offline blip for a quick reconnect');
    } finally {
      feed.stop();
    }
  });

  it('does not deliver another account’s events', async () => {
    const mine = harness.transport(SECOND_TOKEN);
    const feed = collect(mine);
    try {
      await mine.ready();
      const other = await send(harness.transport(), 'not for the second account');
      const own = harness.server.receive({
        accountId: SECOND_ACCOUNT_ID,
        from: RECIPIENT,
        text: 'for globex',
      });
      await feed.until('the second account’s own message', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === own.id),
      );
      assert.ok(
        !feed.events.some((e) => JSON.stringify(e).includes(other.id)),
        'nothing of the other account',
      );
    } finally {
      feed.stop();
    }
  });
});

describe('event stream after an outage', () => {
  let harness;
  before(async () => (harness = await startTestServer()));
  after(() => harness.close());

  it('reconnects as soon as the API answers a request again, not after its backoff', async () => {
    const { createHttpTransport } = await import('../../src/transport/http/index.ts');
    // A backoff of a minute: without the wake-up, the stream would stay down far past this test's bounds.
    const transport = createHttpTransport({
      baseUrl: harness.url,
      getToken: () => 'test-token-main',
      reconnectDelayMs: [60_000, 60_000],
    });
    const feed = collect(transport);
    const states = () => feed.events.filter((e) => e.type === 'connection').map((e) => e.state);
    try {
      await transport.getAccount();
      await harness.server.close();
      await feed.until('offline', () => states().includes('offline'));
      await harness.restart();
      await transport.getAccount(); // the API is back: this answer wakes the stream
      await feed.until('online again', () => states().at(-1) === 'online', 15_000);
      const text = 'after the outage';
      await harness.receive({ from: RECIPIENT, text });
      await feed.until('a text pushed on the new stream', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.text === text),
      );
    } finally {
      feed.stop();
      transport.close();
    }
  });
});

describe('persistence and restarts', () => {
  it('keeps messages in the database file and resumes the stream across a server restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-server-'));
    const harness = await startTestServer({ database: join(dir, 'sms.sqlite'), deliveryMs: [150, 150] });
    try {
      const transport = harness.transport();
      const feed = collect(transport);
      const sent = await send(transport, 'survives a restart');
      await feed.until('the send', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === sent.id),
      );
      await harness.restart();
      const inbound = await harness.receive({ from: RECIPIENT, text: 'after the restart' });
      assert.equal(inbound.status, 201);
      const received = await inbound.json();
      await feed.until('the inbound message after the restart', (ev) =>
        ev.some((e) => e.type === 'message.created' && e.message.id === received.id),
      );
      // The carrier job was in the database too: the send still gets delivered after the restart.
      await feed.until('delivery of the send', (ev) =>
        ev.some((e) => e.type === 'message.status' && e.messageId === sent.id && e.status === 'delivered'),
      );
      assertNoLossNoRepeat(feed.events, [sent.id, received.id]);
      const page = await transport.listMessages({ conversationId: sent.conversationId });
      const ids = page.messages.map((m) => m.id);
      assert.ok(ids.includes(sent.id) && ids.includes(received.id), 'both messages are stored');
      assert.equal(page.messages.find((m) => m.id === sent.id).status, 'delivered');
      feed.stop();
    } finally {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('requests', () => {
  let harness;
  before(async () => (harness = await startTestServer()));
  after(() => harness.close());

  it('makes one message when a send is retried after its answer was lost', async () => {
    const transport = harness.transport();
    const clientId = crypto.randomUUID();
    harness.server.dropNextSendResponses(1);
    await rejects(send(transport, 'lost answer', clientId), 'network');
    const retried = await send(transport, 'lost answer', clientId);
    assert.equal(retried.clientId, clientId);
    const page = await transport.listMessages({ conversationId: retried.conversationId, limit: 200 });
    assert.equal(page.messages.filter((m) => m.clientId === clientId).length, 1, 'one message per client id');
    const raw = await harness.fetch('/v1/messages', {
      method: 'POST',
      headers: { 'Idempotency-Key': clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: MAIN_NUMBER, to: [RECIPIENT], text: 'lost answer' }),
    });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await raw.json()).id, retried.id);
  });

  it('refreshes the token once on 401, and gives up with auth when the new one fails too', async () => {
    const stale = harness.server.issueToken(MAIN_ACCOUNT_ID);
    const fresh = harness.server.issueToken(MAIN_ACCOUNT_ID);
    harness.server.revokeToken(stale);
    const calls = [];
    const { createHttpTransport } = await import('../../src/transport/http/index.ts');
    const transport = createHttpTransport({
      baseUrl: harness.url,
      getToken: ({ refresh }) => {
        calls.push(refresh);
        return refresh ? fresh : stale;
      },
    });
    const account = await transport.getAccount();
    assert.equal(account.id, MAIN_ACCOUNT_ID);
    assert.deepEqual(calls, [false, true], 'one refresh after the 401');
    await transport.listConversations({ limit: 1 });
    assert.deepEqual(calls, [false, true], 'the fresh token is kept');

    const expired = harness.server.issueToken(MAIN_ACCOUNT_ID, 1);
    await new Promise((r) => setTimeout(r, 5));
    let asked = 0;
    const hopeless = createHttpTransport({ baseUrl: harness.url, getToken: () => (asked++, expired) });
    await rejects(hopeless.getAccount(), 'auth', 'unauthorized');
    assert.equal(asked, 2, 'tried once more, then gave up');
    const anonymous = await fetch(`${harness.url}/v1/account`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('WWW-Authenticate'), /^Bearer/);
  });

  it('refuses access to another account’s data as if it did not exist, and logs it', async () => {
    const intruder = harness.transport(SECOND_TOKEN);
    const victim = harness.transport();
    const sent = await send(victim, 'private');
    const conversationId = sent.conversationId;
    harness.logs.length = 0;
    await rejects(intruder.getConversation({ conversationId }), 'not-found');
    await rejects(intruder.listMessages({ conversationId }), 'not-found');
    await rejects(intruder.markRead({ conversationId }), 'not-found');
    await rejects(intruder.deleteMessage({ conversationId, messageId: sent.id }), 'not-found');
    await rejects(intruder.deleteConversation({ conversationId }), 'not-found');
    await rejects(
      intruder.sendMessage({
        clientId: crypto.randomUUID(),
        from: MAIN_NUMBER,
        to: [RECIPIENT],
        text: 'x',
        attachmentIds: [],
      }),
      'invalid',
      'unknown-number',
    );
    const png = makePng(4, 4, 10);
    const attachment = await victim.uploadAttachment({
      file: new Blob([png]),
      name: 'a.png',
      from: MAIN_NUMBER,
    });
    await rejects(
      intruder.sendMessage({
        clientId: crypto.randomUUID(),
        from: '+13125550177',
        to: [RECIPIENT],
        text: '',
        attachmentIds: [attachment.id],
      }),
      'invalid',
      'unknown-attachment',
    );
    const page = await intruder.listConversations({ limit: 100 });
    assert.ok(!page.conversations.some((c) => c.id === conversationId), 'not listed for the other account');
    assert.equal(
      (await victim.getConversation({ conversationId })).lastMessage.id,
      sent.id,
      'nothing changed',
    );
    const denied = harness.logs.filter((l) => l.event === 'cross-account-access');
    assert.equal(denied.length, 7, `every attempt is logged: ${JSON.stringify(harness.logs)}`);
    for (const entry of denied) {
      assert.equal(entry.level, 'warn');
      assert.equal(entry.accountId, SECOND_ACCOUNT_ID);
    }
    const raw = await harness.fetch(`/v1/conversations/${conversationId}`, {
      headers: { Authorization: `Bearer ${SECOND_TOKEN}` },
    });
    assert.equal(raw.status, 404);
  });

  it('refuses oversize and wrong-type uploads, whatever the name says', async () => {
    const transport = harness.transport();
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(makePng(2, 2, 0));
    await rejects(
      transport.uploadAttachment({ file: new Blob([big]), name: 'big.png', from: MAIN_NUMBER }),
      'invalid',
      'file-too-large',
    );
    const html = new TextEncoder().encode('<!doctype html><html><script>alert(1)</script></html>');
    await rejects(
      transport.uploadAttachment({ file: new Blob([html]), name: 'cat.jpg', from: MAIN_NUMBER }),
      'invalid',
      'type-mismatch',
    );
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
    await rejects(
      transport.uploadAttachment({ file: new Blob([exe]), name: 'setup.exe', from: MAIN_NUMBER }),
      'invalid',
    );
    await rejects(
      transport.uploadAttachment({ file: new Blob([makePng(2, 2, 0)]), name: 'a.png', from: TOLL_FREE }),
      'invalid',
      'toll-free-sms-only',
    );
    const tooBig = await harness.fetch(
      `/v1/attachments?from=${encodeURIComponent(MAIN_NUMBER)}&name=big.png`,
      {
        method: 'POST',
        body: big,
      },
    );
    assert.equal(tooBig.status, 413);
    assert.equal((await tooBig.json()).error.code, 'file-too-large');
    const wrong = await harness.fetch(
      `/v1/attachments?from=${encodeURIComponent(MAIN_NUMBER)}&name=cat.jpg`,
      {
        method: 'POST',
        body: html,
      },
    );
    assert.equal(wrong.status, 415);
    const ok = await transport.uploadAttachment({
      file: new Blob([makePng(3, 2, 0)]),
      name: 'ok.jpg',
      from: MAIN_NUMBER,
    });
    assert.equal(ok.type, 'image/png', 'the type comes from the bytes');
    assert.equal(ok.width, 3);
    const file = await fetch(ok.url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('Content-Type'), 'image/png');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), makePng(3, 2, 0));
    const forged = await fetch(ok.url.replace(/sig=[^&]+/, 'sig=forged'));
    assert.equal(forged.status, 404, 'a media URL without its signature is refused');
  });

  it('answers malformed JSON with 400 and a clear error, and keeps serving', async () => {
    const post = (path, body, type = 'application/json') =>
      harness.fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': type, 'Idempotency-Key': crypto.randomUUID() },
        body,
      });
    for (const body of ['{"from": "+1202', 'not json', '', '[1,2,3]', 'null']) {
      const response = await post('/v1/messages', body);
      assert.equal(response.status, 400, `status for ${JSON.stringify(body)}`);
      const error = (await response.json()).error;
      assert.equal(error.code, 'malformed-json');
      assert.match(error.message, /JSON/);
    }
    const wrongShape = await post(
      '/v1/messages',
      JSON.stringify({ from: MAIN_NUMBER, to: 'not a list', text: 1 }),
    );
    assert.equal(wrongShape.status, 400);
    assert.equal((await wrongShape.json()).error.code, 'invalid-recipient');
    const wrongType = await post('/v1/messages', '<xml/>', 'application/xml');
    assert.equal(wrongType.status, 415);
    const huge = await post('/v1/messages', JSON.stringify({ text: 'x'.repeat(100_000) }));
    assert.equal(huge.status, 413);
    const admin = await harness.receive({ from: 42 });
    assert.equal(admin.status, 400);
    const badCursor = await harness.fetch('/v1/conversations?cursor=%%%');
    assert.equal(badCursor.status, 400);
    assert.equal((await badCursor.json()).error.code, 'bad-cursor');
    const alive = await harness.fetch('/v1/account');
    assert.equal(alive.status, 200, 'the server still answers');
  });

  it('fails outbound messages the carrier rejects, and honours STOP', async () => {
    const transport = harness.transport();
    const feed = collect(transport);
    try {
      await transport.ready();
      harness.server.setCarrierFailureRate(1);
      const doomed = await send(transport, 'will fail');
      harness.server.setCarrierFailureRate(0);
      await feed.until('the failure', (ev) =>
        ev.some((e) => e.type === 'message.status' && e.messageId === doomed.id && e.status === 'failed'),
      );
      const failed = feed.events.find((e) => e.type === 'message.status' && e.status === 'failed');
      assert.equal(failed.failure.code, 'carrier-rejected');
      await harness.receive({ from: RECIPIENT, to: MAIN_NUMBER, text: ' stop ' });
      await feed.until('the opt-out', (ev) =>
        ev.some((e) => e.type === 'conversation.updated' && e.conversation.optedOut?.includes(RECIPIENT)),
      );
      await rejects(send(transport, 'after STOP'), 'invalid', 'recipient-opted-out');
      await harness.receive({ from: RECIPIENT, to: MAIN_NUMBER, text: 'START' });
      await send(transport, 'after START');
    } finally {
      feed.stop();
    }
  });
});

describe('rate limits', () => {
  let harness;
  before(async () => (harness = await startTestServer({ rateLimit: { limit: 3, windowMs: 60_000 } })));
  after(() => harness.close());

  it('answers 429 with Retry-After, which the transport reports as rate-limited', async () => {
    const transport = harness.transport();
    for (let i = 0; i < 3; i++) await transport.getAccount();
    await assert.rejects(transport.getAccount(), (error) => {
      assert.equal(error.kind, 'rate-limited');
      assert.ok(error.retryable);
      assert.ok(error.retryAfterMs > 0 && error.retryAfterMs <= 60_000, `retryAfterMs ${error.retryAfterMs}`);
      return true;
    });
    const raw = await harness.fetch('/v1/account');
    assert.equal(raw.status, 429);
    assert.match(raw.headers.get('Retry-After'), /^\d+$/);
    assert.ok(Number(raw.headers.get('Retry-After')) >= 1);
    assert.equal((await raw.json()).error.code, 'rate-limited');
    const other = await harness.fetch('/v1/account', {
      headers: { Authorization: `Bearer ${SECOND_TOKEN}` },
    });
    assert.equal(other.status, 200, 'limits are per token');
    assert.ok(harness.logs.some((l) => l.event === 'rate-limited'));
  });
});
