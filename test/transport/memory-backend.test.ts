import { expect } from '@open-wc/testing';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import type { Transport, TransportEvent } from '../../src/transport/transport.js';
import { until } from '../helpers/wait.js';

const backends: MemoryBackend[] = [];
function make(options: Parameters<typeof createMemoryBackend>[0] = {}): {
  backend: MemoryBackend;
  transport: Transport;
  accountId: string;
} {
  const backend = createMemoryBackend({ latencyMs: 0, conversations: 40, deliveryMs: [10, 20], ...options });
  backends.push(backend);
  const accountId = backend.accounts[0]!.id;
  return { backend, transport: backend.connect(accountId), accountId };
}
const send = (t: Transport, text: string, clientId = crypto.randomUUID()) =>
  t.sendMessage({ clientId, from: '+12025550199', to: ['+12025550143'], text, attachmentIds: [] });

describe('memory backend', () => {
  afterEach(() => backends.splice(0).forEach((b) => b.dispose()));

  it('seeds the same data for the same seed, with unread chats, groups, media and an "Oops" account', async () => {
    const a = make({ seed: 5, conversations: 300 });
    const b = make({ seed: 5, conversations: 300 });
    const pa = await a.transport.listConversations({ limit: 100 });
    const pb = await b.transport.listConversations({ limit: 100 });
    expect(pa.conversations.map((c) => c.participants)).to.deep.equal(
      pb.conversations.map((c) => c.participants),
    );
    expect(pa.conversations.some((c) => c.unreadCount > 0)).to.equal(true);
    expect(pa.conversations.some((c) => c.participants.length > 1)).to.equal(true);
    const account = await a.transport.getAccount();
    expect(account.numbers.map((n) => n.kind)).to.include('toll-free');
    expect(a.backend.accounts[1]!.numbers).to.deep.equal([]);
    let media = 0;
    for (const c of pa.conversations.slice(0, 40)) {
      const page = await a.transport.listMessages({ conversationId: c.id, limit: 200 });
      media += page.messages.filter((m) => m.attachments.length).length;
    }
    expect(media).to.be.greaterThan(0);
  });

  it('honours latency', async () => {
    const { transport } = make({ latencyMs: 80 });
    const start = performance.now();
    await transport.getAccount();
    expect(performance.now() - start).to.be.at.least(75);
  });

  it('keeps pages stable when a conversation moves to the top between pages', async () => {
    const { backend, transport, accountId } = make();
    const first = await transport.listConversations({ limit: 10 });
    const all = await transport.listConversations({ limit: 100 });
    const moving = all.conversations[25]!;
    await backend.receive({ accountId, from: moving.participants[0], to: moving.ownNumber, text: 'bump' });
    const ids = new Set(first.conversations.map((c) => c.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await transport.listConversations({ cursor, limit: 10 });
      for (const c of page.conversations) {
        expect(ids.has(c.id), `${c.id} listed twice`).to.equal(false);
        ids.add(c.id);
      }
      cursor = page.nextCursor;
    }
    // Every conversation except the one that moved above the first page is listed.
    expect(ids.size).to.equal(all.conversations.length - (ids.has(moving.id) ? 0 : 1));
  });

  it('takes the network down and brings it back, telling subscribers', async () => {
    const { backend, transport } = make();
    const events: TransportEvent[] = [];
    transport.subscribe((e) => events.push(e));
    backend.setOffline(true);
    let kind = '';
    await transport.getAccount().catch((e) => (kind = e.kind));
    expect(kind).to.equal('network');
    backend.setOffline(false);
    await until(() => events.filter((e) => e.type === 'connection').length === 2, 'offline then online');
    expect(
      events.filter((e) => e.type === 'connection').map((e) => (e as { state: string }).state),
    ).to.deep.equal(['offline', 'online']);
  });

  it('fails the next sends, loses acknowledgements, and a retry with the same client id makes one message', async () => {
    const { backend, transport } = make();
    backend.failNextSends(1);
    let kind = '';
    await send(transport, 'x').catch((e) => (kind = e.kind));
    expect(kind).to.equal('network');
    backend.loseNextAcks(1);
    const clientId = crypto.randomUUID();
    let lost = '';
    await send(transport, 'lost ack', clientId).catch((e) => (lost = e.kind));
    expect(lost).to.equal('network');
    const retried = await send(transport, 'lost ack', clientId);
    const page = await transport.listMessages({ conversationId: retried.conversationId, limit: 200 });
    expect(page.messages.filter((m) => m.text === 'lost ack').length).to.equal(1);
  });

  it('rate-limits with a retry-after', async () => {
    const { backend, transport } = make();
    backend.rateLimit(500);
    const error = await transport.getAccount().catch((e) => e);
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryAfterMs).to.be.within(1, 500);
  });

  it('moves outbound messages queued → sent → delivered, or failed with a carrier reason', async () => {
    const { backend, transport } = make();
    backend.setCarrierFailureRate(1);
    const events: TransportEvent[] = [];
    transport.subscribe((e) => events.push(e));
    const m = await send(transport, 'will fail');
    expect(m.status).to.equal('queued');
    await until(
      () => events.some((e) => e.type === 'message.status' && e.status === 'failed'),
      'failed status',
    );
    const statuses = events
      .filter((e) => e.type === 'message.status')
      .map((e) => (e as { status: string }).status);
    expect(statuses).to.deep.equal(['sent', 'failed']);
  });

  it('reports upload progress over time, can abort it, and refuses files by content', async () => {
    const { transport } = make({ uploadBytesPerSecond: 200_000 });
    const png = new Uint8Array(150_000);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const progress: number[] = [];
    const file = new Blob([png], { type: 'image/png' });
    const attachment = await transport.uploadAttachment({
      file,
      name: 'a.png',
      from: '+12025550199',
      onProgress: (l) => progress.push(l),
    });
    expect(progress.length).to.be.greaterThan(1);
    expect(progress.at(-1)).to.equal(150_000);
    expect(attachment.type).to.equal('image/png');
    const controller = new AbortController();
    const pending = transport.uploadAttachment({
      file,
      name: 'b.png',
      from: '+12025550199',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect((await pending.catch((e) => e)).kind).to.equal('aborted');
    const html = new Blob(['<html><script>x()</script>'], { type: 'image/jpeg' });
    const refused = await transport
      .uploadAttachment({ file: html, name: 'photo.jpg', from: '+12025550199' })
      .catch((e) => e);
    expect(refused.kind).to.equal('invalid');
    const big = new Blob([png, new Uint8Array(2 * 1024 * 1024)], { type: 'image/png' });
    expect(
      (await transport.uploadAttachment({ file: big, name: 'big.png', from: '+12025550199' }).catch((e) => e))
        .code,
    ).to.equal('file-too-large');
    const tollFree = await transport
      .uploadAttachment({ file, name: 'c.png', from: '+18005550199' })
      .catch((e) => e);
    expect(tollFree.code).to.equal('mms-not-allowed');
  });

  it('opts a recipient out on STOP and back in on START', async () => {
    const { backend, transport, accountId } = make();
    const m = await send(transport, 'hello');
    await backend.receive({ accountId, from: '+12025550143', to: '+12025550199', text: ' stop ' });
    const c = await transport.getConversation({ conversationId: m.conversationId });
    expect(c.optedOut).to.deep.equal(['+12025550143']);
    expect((await send(transport, 'again').catch((e) => e)).code).to.equal('recipient-opted-out');
    await backend.receive({ accountId, from: '+12025550143', to: '+12025550199', text: 'START' });
    expect((await transport.getConversation({ conversationId: m.conversationId })).optedOut).to.deep.equal(
      [],
    );
    expect((await send(transport, 'welcome back')).text).to.equal('welcome back');
  });

  it('sends inbound messages on a timer in demo mode', async () => {
    const { backend, transport } = make();
    const events: TransportEvent[] = [];
    transport.subscribe((e) => events.push(e));
    backend.startDemo({ intervalMs: 30 });
    await until(() => events.filter((e) => e.type === 'message.created').length >= 2, 'two inbound messages');
    backend.stopDemo();
  });

  it('keeps accounts apart', async () => {
    const { backend, transport } = make();
    const other = backend.connect(backend.accounts[1]!.id);
    const mine = await transport.listConversations({ limit: 5 });
    expect((await other.listConversations()).conversations).to.deep.equal([]);
    expect(
      (await other.getConversation({ conversationId: mine.conversations[0]!.id }).catch((e) => e)).kind,
    ).to.equal('not-found');
    const events: TransportEvent[] = [];
    other.subscribe((e) => events.push(e));
    await send(transport, 'private');
    await new Promise((r) => setTimeout(r, 50));
    expect(events.filter((e) => e.type !== 'connection')).to.deep.equal([]);
  });

  it('serves a huge thread in pages', async () => {
    const { transport } = make({ hugeThread: 20_000, conversations: 3 });
    const list = await transport.listConversations();
    const biggest = list.conversations[0]!;
    const page = await transport.listMessages({ conversationId: biggest.id, limit: 50 });
    expect(page.messages.length).to.equal(50);
    expect(page.olderCursor).to.not.equal(null);
  });
});
