import { expect } from '@open-wc/testing';
import type { Conversation } from '../../src/model/conversation.js';
import type { Message } from '../../src/model/message.js';
import { parsePhoneNumber } from '../../src/rules/index.js';
import type { TransportError } from '../../src/transport/errors.js';
import {
  DEMO_MEDIA,
  MAIN_ACCOUNT_ID,
  NO_NUMBER_ACCOUNT_ID,
  createMemoryBackend,
  createMemoryTransport,
  demoMedia,
  makeJpeg,
  readMediaInfo,
} from '../../src/transport/memory/index.js';
import type {
  MemoryBackend,
  MemoryBackendOptions,
  MemoryTransport,
} from '../../src/transport/memory/index.js';
import type { TransportEvent } from '../../src/transport/transport.js';
import { until } from '../helpers/wait.js';

const MAIN = '+12025550199';
const FIELD = '+14155550188';
const TOLL_FREE = '+18005550199';
const PERSON = '+12025550143';

const backends: MemoryBackend[] = [];
function make(options: MemoryBackendOptions = {}): { backend: MemoryBackend; transport: MemoryTransport } {
  const backend = createMemoryBackend({ latencyMs: 0, conversations: 40, deliveryMs: [10, 20], ...options });
  backends.push(backend);
  return { backend, transport: backend.connect(MAIN_ACCOUNT_ID) };
}
const send = (
  t: MemoryTransport,
  text: string,
  extra: Partial<Parameters<MemoryTransport['sendMessage']>[0]> = {},
) =>
  t.sendMessage({
    clientId: crypto.randomUUID(),
    from: MAIN,
    to: [PERSON],
    text,
    attachmentIds: [],
    ...extra,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: TransportError) => e,
  );
function record(t: MemoryTransport): TransportEvent[] {
  const events: TransportEvent[] = [];
  t.subscribe((e) => events.push(e));
  return events;
}
async function allConversations(t: MemoryTransport, limit = 50): Promise<Conversation[]> {
  const out: Conversation[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.listConversations({ cursor, limit });
    out.push(...page.conversations);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
async function allMessages(t: MemoryTransport, conversationId: string): Promise<Message[]> {
  return (await t.listMessages({ conversationId, limit: 200 })).messages as Message[];
}
function png(size: number, width = 10, height = 20): Blob {
  const bytes = new Uint8Array(Math.max(size, 33));
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return new Blob([bytes]);
}

describe('memory backend', () => {
  afterEach(() => backends.splice(0).forEach((b) => b.dispose()));

  describe('seed', () => {
    it('is the same for the same seed and different for another', async () => {
      // Times are relative to "now": pin it to compare them.
      const now = () => Date.UTC(2025, 0, 15, 12);
      const a = make({ seed: 5, conversations: 120, now });
      const b = make({ seed: 5, conversations: 120, now });
      const c = make({ seed: 6, conversations: 120, now });
      const [la, lb, lc] = await Promise.all([a, b, c].map((x) => allConversations(x.transport)));
      expect(la).to.have.length(120);
      const shape = (list: Conversation[]) =>
        list.map((x) => [x.id, x.participants, x.lastMessage?.text, x.unreadCount]);
      expect(shape(la!)).to.deep.equal(shape(lb!));
      expect(shape(la!)).to.not.deep.equal(shape(lc!));
      const ma = await allMessages(a.transport, la![7]!.id);
      const mb = await allMessages(b.transport, lb![7]!.id);
      expect(ma.map((m) => [m.id, m.text, m.createdAt])).to.deep.equal(
        mb.map((m) => [m.id, m.text, m.createdAt]),
      );
    });

    it('has realistic variety: groups of 3–6 people, unread chats, media, contacts with labelled numbers', async () => {
      const { transport } = make({ conversations: 300 });
      const list = await allConversations(transport);
      expect(list).to.have.length(300);
      const groups = list.filter((c) => c.participants.length > 1);
      expect(groups.length).to.be.greaterThan(20);
      expect(groups.every((g) => g.participants.length + 1 >= 3 && g.participants.length + 1 <= 6)).to.equal(
        true,
      );
      expect(list.filter((c) => c.unreadCount > 0).length).to.be.greaterThan(10);
      expect(new Set(list.map((c) => c.ownNumber))).to.deep.equal(new Set([MAIN, FIELD, TOLL_FREE]));
      expect(
        list.filter((c) => c.ownNumber === TOLL_FREE).every((c) => c.participants.length === 1),
      ).to.equal(true);
      // Spread over months.
      expect(list[0]!.updatedAt - list.at(-1)!.updatedAt).to.be.greaterThan(60 * 86_400_000);
      const types = new Set<string>();
      let longest = 0;
      for (const c of list.slice(0, 120)) {
        for (const m of await allMessages(transport, c.id)) {
          longest = Math.max(longest, m.text.length);
          for (const a of m.attachments) {
            types.add(a.type);
            expect(a.name).to.be.a('string').and.not.equal('');
          }
        }
      }
      expect([...types]).to.include.members(['image/jpeg', 'image/png', 'application/pdf', 'audio/wav']);
      expect(longest).to.be.greaterThan(160);
      const contacts = await transport.searchContacts({ query: '', limit: 100 });
      expect(contacts.some((c) => c.numbers.length >= 2)).to.equal(true);
      expect([...new Set(contacts.flatMap((c) => c.numbers.map((n) => n.label)))]).to.include.members([
        'mobile',
        'work',
        'home',
      ]);
    });

    it('uses only numbers that the phone rules accept, and a toll-free own number', async () => {
      const { backend, transport } = make({ conversations: 300 });
      const account = await transport.getAccount();
      expect(account.numbers.map((n) => n.kind)).to.deep.equal(['local', 'local', 'toll-free']);
      const numbers = new Set<string>(account.numbers.map((n) => n.number));
      for (const c of await allConversations(transport)) c.participants.forEach((p) => numbers.add(p));
      for (const c of await transport.searchContacts({ query: '', limit: 100 }))
        c.numbers.forEach((n) => numbers.add(n.number));
      for (const n of numbers) {
        const parsed = parsePhoneNumber(n, 'US');
        expect(parsed.ok && parsed.e164 === n, `${n} is valid`).to.equal(true);
      }
      expect(parsePhoneNumber(TOLL_FREE, 'US')).to.include({ ok: true, kind: 'toll-free' });
      expect(backend.accounts.map((a) => a.id)).to.deep.equal([MAIN_ACCOUNT_ID, NO_NUMBER_ACCOUNT_ID]);
    });

    it('has an account with no texting number (the "Oops" state) that cannot send', async () => {
      const { backend } = make();
      const oops = backend.connect(NO_NUMBER_ACCOUNT_ID);
      expect((await oops.getAccount()).numbers).to.deep.equal([]);
      expect((await oops.listConversations()).conversations).to.deep.equal([]);
      const error = await failure(send(oops, 'hi'));
      expect([error.kind, error.code]).to.deep.equal(['invalid', 'unknown-number']);
    });

    it('holds a huge thread that costs nothing until read, and pages through it', async () => {
      const { transport } = make({ hugeThread: 100_000, conversations: 3 });
      const biggest = (await transport.listConversations()).conversations[0]!;
      const newest = await transport.listMessages({ conversationId: biggest.id, limit: 50 });
      expect(newest.messages).to.have.length(50);
      expect(newest.messages.at(-1)!.id).to.equal(biggest.lastMessage!.id);
      let cursor = newest.olderCursor;
      let seen = 50;
      let previousOldest = newest.messages[0]!.createdAt;
      for (let i = 0; i < 20 && cursor; i++) {
        const page = await transport.listMessages({ conversationId: biggest.id, before: cursor, limit: 200 });
        expect(page.messages.at(-1)!.createdAt).to.be.below(previousOldest);
        previousOldest = page.messages[0]!.createdAt;
        seen += page.messages.length;
        cursor = page.olderCursor;
      }
      expect(seen).to.equal(50 + 20 * 200);
    });
  });

  describe('media', () => {
    it('makes images with the announced size that the browser can decode, and a WAV with its duration', async () => {
      for (const kind of ['photo', 'portrait', 'panorama', 'screenshot', 'gif'] as const) {
        const media = demoMedia(kind)!;
        const bitmap = await createImageBitmap(media.blob);
        expect([bitmap.width, bitmap.height], kind).to.deep.equal([
          DEMO_MEDIA[kind].width,
          DEMO_MEDIA[kind].height,
        ]);
        bitmap.close();
        const info = readMediaInfo(new Uint8Array(await media.blob.arrayBuffer()));
        expect([info.width, info.height], kind).to.deep.equal([
          DEMO_MEDIA[kind].width,
          DEMO_MEDIA[kind].height,
        ]);
      }
      const wav = demoMedia('audio')!;
      expect(readMediaInfo(new Uint8Array(await wav.blob.arrayBuffer())).duration).to.equal(
        DEMO_MEDIA.audio.duration,
      );
      const pdf = new TextDecoder().decode(await demoMedia('pdf')!.blob.arrayBuffer());
      expect(pdf.startsWith('%PDF-')).to.equal(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).to.equal(true);
    });

    it('encodes a JPEG without a canvas (for Node) that the browser decodes', async () => {
      const bitmap = await createImageBitmap(new Blob([makeJpeg(64, 48, 200)], { type: 'image/jpeg' }));
      expect([bitmap.width, bitmap.height]).to.deep.equal([64, 48]);
      bitmap.close();
      expect(readMediaInfo(makeJpeg(64, 48, 200))).to.deep.equal({ width: 64, height: 48 });
    });

    it('gives seeded attachments an object URL and a size when read', async () => {
      const { transport } = make({ conversations: 80 });
      let image: Message['attachments'][number] | undefined;
      for (const c of await allConversations(transport)) {
        image = (await allMessages(transport, c.id))
          .flatMap((m) => m.attachments)
          .find((a) => a.type === 'image/jpeg');
        if (image) break;
      }
      expect(image, 'a seeded photo').to.not.equal(undefined);
      expect(image!.url.startsWith('blob:')).to.equal(true);
      expect(image!.size).to.be.greaterThan(0);
      const blob = await (await fetch(image!.url)).blob();
      expect(blob.size).to.equal(image!.size);
    });
  });

  describe('request pipeline', () => {
    it('honours a fixed latency and a range', async () => {
      const fixed = make({ latencyMs: 80 }).transport;
      let start = performance.now();
      await fixed.getAccount();
      expect(performance.now() - start).to.be.within(75, 400);
      const range = make({ latencyMs: [30, 60] }).transport;
      start = performance.now();
      await range.getAccount();
      expect(performance.now() - start).to.be.within(25, 400);
    });

    it('rejects with aborted as soon as the signal fires, during the latency', async () => {
      const { transport } = make({ latencyMs: 5000 });
      const controller = new AbortController();
      const start = performance.now();
      const pending = failure(transport.listConversations({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 20);
      expect((await pending).kind).to.equal('aborted');
      expect(performance.now() - start).to.be.below(1000);
    });

    it('goes offline and back: requests fail with network, subscribers hear of it, pushes pause', async () => {
      const { backend, transport } = make();
      const events = record(transport);
      backend.setOffline(true);
      expect(backend.offline).to.equal(true);
      expect((await failure(transport.getAccount())).kind).to.equal('network');
      await backend.receive({ from: PERSON, to: MAIN, text: 'while you were away' });
      backend.setOffline(false);
      await until(() => events.filter((e) => e.type === 'connection').length === 2, 'offline then online');
      expect(events.map((e) => (e.type === 'connection' ? e.state : e.type))).to.deep.equal([
        'offline',
        'online',
      ]);
      // The server received the text; the client catches up by reading.
      const c = await transport.findConversation({ participants: [PERSON], from: MAIN });
      expect(c!.lastMessage!.text).to.equal('while you were away');
    });

    it('fails the next N sends with the kind asked, then sends again', async () => {
      const { backend, transport } = make();
      backend.failNextSends(2);
      expect((await failure(send(transport, 'a'))).kind).to.equal('network');
      expect((await failure(send(transport, 'b'))).kind).to.equal('network');
      expect((await send(transport, 'c')).text).to.equal('c');
      backend.failNextSends(1, 'invalid');
      expect((await failure(send(transport, 'd'))).kind).to.equal('invalid');
      const c = await transport.findConversation({ participants: [PERSON], from: MAIN });
      expect((await allMessages(transport, c!.id)).map((m) => m.text)).to.deep.equal(['c']);
    });

    it('loses acknowledgements of committed sends; a retry with the same client id gives the one message', async () => {
      const { backend, transport } = make();
      const events = record(transport);
      backend.loseNextAcks(1);
      const clientId = crypto.randomUUID();
      expect((await failure(send(transport, 'lost ack', { clientId }))).kind).to.equal('network');
      const retried = await send(transport, 'lost ack', { clientId });
      expect(retried.clientId).to.equal(clientId);
      const again = await send(transport, 'lost ack', { clientId });
      expect(again.id).to.equal(retried.id);
      expect(
        (await allMessages(transport, retried.conversationId)).filter((m) => m.clientId === clientId),
      ).to.have.length(1);
      await until(
        () => events.some((e) => e.type === 'message.status' && e.status === 'delivered'),
        'delivered',
      );
      expect(events.filter((e) => e.type === 'message.created')).to.have.length(1);
    });

    it('rate-limits every request with a retry-after, until the window ends', async () => {
      const { backend, transport } = make();
      backend.rateLimit(300);
      const error = await failure(transport.getAccount());
      expect(error.kind).to.equal('rate-limited');
      expect(error.retryable).to.equal(true);
      expect(error.retryAfterMs).to.be.within(200, 300);
      await new Promise((r) => setTimeout(r, error.retryAfterMs));
      expect((await transport.getAccount()).id).to.equal(MAIN_ACCOUNT_ID);
    });

    it('calls listeners asynchronously, with increasing event ids, and returns copies', async () => {
      const { transport } = make();
      let calledDuring = false;
      const events: TransportEvent[] = [];
      let inSend = true;
      transport.subscribe((e) => {
        if (inSend) calledDuring = true;
        events.push(e);
      });
      const m = await send(transport, 'copy me');
      inSend = false;
      (m as { text: string }).text = 'mutated';
      await until(() => events.filter((e) => e.type === 'message.status').length === 2, 'sent and delivered');
      expect(calledDuring).to.equal(false);
      const ids = events.map((e) => Number((e as { eventId?: string }).eventId));
      expect(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1]!))).to.equal(true);
      const created = events.find((e) => e.type === 'message.created')!;
      if (created.type === 'message.created') (created.message as { text: string }).text = 'mutated too';
      expect((await allMessages(transport, m.conversationId)).at(-1)!.text).to.equal('copy me');
    });
  });

  describe('sending', () => {
    it('creates a conversation for new participants and reuses it in any order, per own number', async () => {
      const { transport } = make();
      const other = '+13125550142';
      const a = await send(transport, 'group', { to: [PERSON, other] });
      const b = await send(transport, 'same group', { to: [other, PERSON] });
      expect(b.conversationId).to.equal(a.conversationId);
      const c = await send(transport, 'from the field line', { from: FIELD, to: [PERSON, other] });
      expect(c.conversationId).to.not.equal(a.conversationId);
      const conversation = await transport.getConversation({ conversationId: a.conversationId });
      expect(conversation.participants).to.have.members([PERSON, other]);
      expect(conversation.ownNumber).to.equal(MAIN);
      expect((await transport.listConversations({ limit: 1 })).conversations[0]!.id).to.equal(
        c.conversationId,
      );
    });

    it('moves outbound messages queued → sent → delivered, pushed as events', async () => {
      const { transport } = make();
      const events = record(transport);
      const m = await send(transport, 'hello');
      expect(m.status).to.equal('queued');
      await until(
        () => events.some((e) => e.type === 'message.status' && e.status === 'delivered'),
        'delivered',
      );
      const statuses = events.flatMap((e) =>
        e.type === 'message.status' && e.messageId === m.id ? [e.status] : [],
      );
      expect(statuses).to.deep.equal(['sent', 'delivered']);
      expect(events[0]!.type).to.equal('message.created');
      expect((await allMessages(transport, m.conversationId)).at(-1)!.status).to.equal('delivered');
    });

    it('fails a configurable share at the carrier, with a reason', async () => {
      const { backend, transport } = make();
      backend.setCarrierFailureRate(1);
      const events = record(transport);
      const m = await send(transport, 'will fail');
      await until(() => events.some((e) => e.type === 'message.status' && e.status === 'failed'), 'failed');
      const failed = events.find((e) => e.type === 'message.status' && e.status === 'failed');
      expect(failed).to.deep.include({ messageId: m.id, clientId: m.clientId });
      expect((failed as { failure: { code: string; reason: string } }).failure.code).to.equal(
        'carrier-rejected',
      );
      const stored = (await allMessages(transport, m.conversationId)).at(-1)!;
      expect(stored.status).to.equal('failed');
      expect(stored.failure!.reason).to.be.a('string').and.not.equal('');
    });

    it('validates like the client: numbers, length, emptiness, attachments, toll-free', async () => {
      const { backend, transport } = make({ uploadBytesPerSecond: 50_000_000 });
      const code = async (extra: Partial<Parameters<MemoryTransport['sendMessage']>[0]>, text = 'x') => {
        const e = await failure(send(transport, text, extra));
        expect(e.kind).to.equal('invalid');
        return e.code;
      };
      expect(await code({ from: '+12025550100' })).to.equal('unknown-number');
      expect(await code({ to: ['2025550143'] })).to.equal('invalid-recipient');
      expect(await code({ to: ['+19995550100'] })).to.equal('invalid-recipient');
      expect(await code({ to: [] })).to.equal('invalid-recipient');
      expect(await code({ to: [MAIN] })).to.equal('invalid-recipient');
      expect(await code({}, 'x'.repeat(1601))).to.equal('text-too-long');
      expect((await send(transport, 'x'.repeat(1600))).text).to.have.length(1600);
      expect(await code({}, ' \n ')).to.equal('empty-message');
      expect(await code({ attachmentIds: ['att-nope'] })).to.equal('unknown-attachment');
      expect(await code({ from: TOLL_FREE, to: [PERSON, '+13125550142'] })).to.equal('toll-free-sms-only');
      const photo = await transport.uploadAttachment({ file: png(2000), name: 'a.png', from: MAIN });
      expect(await code({ from: TOLL_FREE, attachmentIds: [photo.id] })).to.equal('toll-free-sms-only');
      expect((await send(transport, 'sms is fine', { from: TOLL_FREE })).from).to.equal(TOLL_FREE);
      const many = await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          transport.uploadAttachment({ file: png(1000), name: `${i}.png`, from: MAIN }),
        ),
      );
      expect(await code({ attachmentIds: many.map((a) => a.id) })).to.equal('too-many-files');
      const big = await Promise.all(
        [0, 1].map((i) =>
          transport.uploadAttachment({ file: png(1_900_000), name: `big${i}.png`, from: MAIN }),
        ),
      );
      expect(await code({ attachmentIds: big.map((a) => a.id) })).to.equal('message-too-large');
      // An upload made elsewhere (another server or account) does not exist here.
      const otherBackendUpload = await make({ seed: 2 }).transport.uploadAttachment({
        file: png(100),
        name: 'x.png',
        from: MAIN,
      });
      expect(await code({ attachmentIds: [otherBackendUpload.id] })).to.equal('unknown-attachment');
      const sent = await send(transport, '', { attachmentIds: [photo.id] });
      expect(sent.attachments.map((a) => a.id)).to.deep.equal([photo.id]);
      expect(backend.offline).to.equal(false);
    });
  });

  describe('uploads', () => {
    it('reports progress over time in proportion to the size, and reads the type and size from the bytes', async () => {
      const { transport } = make({ uploadBytesPerSecond: 2_000_000 });
      const small: number[] = [];
      const large: number[] = [];
      const start = performance.now();
      const attachment = await transport.uploadAttachment({
        file: png(600_000, 640, 480),
        name: 'photo.png',
        from: MAIN,
        onProgress: (loaded, total) => {
          expect(total).to.equal(600_000);
          large.push(loaded);
        },
      });
      expect(performance.now() - start).to.be.within(250, 1500);
      await transport.uploadAttachment({
        file: png(5_000),
        name: 's.png',
        from: MAIN,
        onProgress: (l) => small.push(l),
      });
      expect(large.length).to.be.greaterThan(small.length);
      expect(large[0]).to.equal(0);
      expect(large.at(-1)).to.equal(600_000);
      expect(large.every((v, i) => i === 0 || v > large[i - 1]!)).to.equal(true);
      expect(attachment).to.include({
        type: 'image/png',
        size: 600_000,
        width: 640,
        height: 480,
        name: 'photo.png',
      });
      expect(attachment.url.startsWith('blob:')).to.equal(true);
    });

    it('can be aborted mid-way', async () => {
      const { transport } = make({ uploadBytesPerSecond: 500_000 });
      const controller = new AbortController();
      const progress: number[] = [];
      const pending = failure(
        transport.uploadAttachment({
          file: png(1_000_000),
          name: 'b.png',
          from: MAIN,
          signal: controller.signal,
          onProgress: (l) => {
            progress.push(l);
            if (l > 0) controller.abort();
          },
        }),
      );
      expect((await pending).kind).to.equal('aborted');
      expect(progress.at(-1)).to.be.below(1_000_000);
    });

    it('refuses files by content and size, and attachments from toll-free numbers', async () => {
      const { transport } = make();
      const html = new Blob(['<html><script>alert(1)</script>'], { type: 'image/jpeg' });
      const mismatch = await failure(
        transport.uploadAttachment({ file: html, name: 'photo.jpg', from: MAIN }),
      );
      expect([mismatch.kind, mismatch.code]).to.deep.equal(['invalid', 'type-mismatch']);
      const exe = new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])]);
      expect(
        (await failure(transport.uploadAttachment({ file: exe, name: 'setup.exe', from: MAIN }))).code,
      ).to.equal('type-not-allowed');
      const progress: number[] = [];
      const big = await failure(
        transport.uploadAttachment({
          file: png(2 * 1024 * 1024 + 1),
          name: 'big.png',
          from: MAIN,
          onProgress: (l) => progress.push(l),
        }),
      );
      expect(big.code).to.equal('file-too-large');
      expect(progress, 'refused before any byte moves').to.deep.equal([]);
      expect(
        (await failure(transport.uploadAttachment({ file: png(100), name: 'c.png', from: TOLL_FREE }))).code,
      ).to.equal('toll-free-sms-only');
      expect(
        (await failure(transport.uploadAttachment({ file: png(100), name: 'c.png', from: PERSON }))).code,
      ).to.equal('unknown-number');
    });
  });

  describe('inbound', () => {
    it('receives on demand: unread count up, conversation on top, message.created pushed', async () => {
      const { backend, transport } = make();
      const list = await allConversations(transport);
      const target = list.find((c, i) => i > 10 && c.participants.length === 1)!;
      const events = record(transport);
      await backend.receive({ from: target.participants[0], to: target.ownNumber, text: 'are you there?' });
      await until(() => events.some((e) => e.type === 'message.created'), 'message.created');
      const event = events.find((e) => e.type === 'message.created')!;
      if (event.type !== 'message.created') throw new Error('unexpected event');
      expect(event.message).to.include({
        direction: 'inbound',
        text: 'are you there?',
        from: target.participants[0],
      });
      expect(event.conversation.id).to.equal(target.id);
      expect(event.conversation.unreadCount).to.equal(target.unreadCount + 1);
      expect((await transport.listConversations({ limit: 1 })).conversations[0]!.id).to.equal(target.id);
    });

    it('receives in a group conversation, with demo media', async () => {
      const { backend, transport } = make();
      const group = (await allConversations(transport)).find((c) => c.participants.length > 1)!;
      const m = await backend.receive({ conversationId: group.id, media: ['photo', 'pdf'] });
      expect(group.participants).to.include(m.from);
      expect(m.conversationId).to.equal(group.id);
      expect(m.attachments.map((a) => a.type)).to.deep.equal(['image/jpeg', 'application/pdf']);
      expect(m.attachments[0]).to.include({ width: 640, height: 480 });
    });

    it('receives on a timer in demo mode, and stops', async () => {
      const { backend, transport } = make();
      const events = record(transport);
      backend.startDemo({ intervalMs: 30 });
      await until(
        () => events.filter((e) => e.type === 'message.created').length >= 3,
        'three inbound messages',
      );
      backend.stopDemo();
      const count = events.length;
      await new Promise((r) => setTimeout(r, 100));
      expect(events.length).to.equal(count);
      expect(events.every((e) => e.type !== 'message.created' || e.message.direction === 'inbound')).to.equal(
        true,
      );
    });

    it('opts a sender out on STOP keywords and back in on START', async () => {
      const { backend, transport } = make();
      const events = record(transport);
      const m = await send(transport, 'hello');
      const group = await send(transport, 'hello all', { to: [PERSON, '+13125550142'] });
      await backend.receive({ from: PERSON, to: MAIN, text: ' stop ' });
      for (const id of [m.conversationId, group.conversationId]) {
        expect((await transport.getConversation({ conversationId: id })).optedOut).to.deep.equal([PERSON]);
      }
      await until(
        () => events.filter((e) => e.type === 'conversation.updated').length >= 2,
        'conversation.updated',
      );
      expect((await failure(send(transport, 'again'))).code).to.equal('recipient-opted-out');
      expect((await failure(send(transport, 'again', { to: [PERSON, '+13125550142'] }))).code).to.equal(
        'recipient-opted-out',
      );
      // Opt-out is per own number: the field line may still text them.
      expect((await send(transport, 'from the field', { from: FIELD })).from).to.equal(FIELD);
      await backend.receive({ from: PERSON, to: MAIN, text: 'Start' });
      expect((await transport.getConversation({ conversationId: m.conversationId })).optedOut).to.deep.equal(
        [],
      );
      expect((await send(transport, 'welcome back')).text).to.equal('welcome back');
      for (const word of ['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit']) {
        await backend.receive({ from: PERSON, to: MAIN, text: word });
        expect((await failure(send(transport, 'x'))).code, word).to.equal('recipient-opted-out');
        await backend.receive({ from: PERSON, to: MAIN, text: 'unstop' });
      }
      await backend.receive({ from: PERSON, to: MAIN, text: 'please stop calling me at work' });
      expect((await send(transport, 'not a keyword')).text).to.equal('not a keyword');
    });
  });

  describe('conversations', () => {
    it('keeps pages stable when a conversation moves to the top between pages', async () => {
      const { backend, transport } = make({ conversations: 40 });
      const before = await allConversations(transport);
      const first = await transport.listConversations({ limit: 10 });
      const moving = before[25]!;
      await backend.receive({ from: moving.participants[0], to: moving.ownNumber, text: 'bump' });
      const seen = first.conversations.map((c) => c.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await transport.listConversations({ cursor, limit: 10 });
        seen.push(...page.conversations.map((c) => c.id));
        cursor = page.nextCursor;
      }
      expect(new Set(seen).size, 'no duplicates').to.equal(seen.length);
      // Everything but the moved one, in the original order: none skipped.
      expect(seen).to.deep.equal(before.map((c) => c.id).filter((id) => id !== moving.id));
      expect((await transport.listConversations({ limit: 1 })).conversations[0]!.id).to.equal(moving.id);
    });

    it('refuses a cursor that is not one', async () => {
      const { transport } = make();
      expect((await failure(transport.listConversations({ cursor: 'garbage' }))).code).to.equal('bad-cursor');
      const [a, b] = (await transport.listConversations({ limit: 2 })).conversations;
      const page = await transport.listMessages({ conversationId: a!.id });
      expect(
        (await failure(transport.listMessages({ conversationId: b!.id, after: page.newerCursor }))).code,
      ).to.equal('bad-cursor');
    });

    it('marks read and unread (at least one), telling every tab of the account', async () => {
      const { backend, transport } = make();
      const tab2 = backend.connect(MAIN_ACCOUNT_ID);
      const events = record(tab2);
      const unread = (await allConversations(transport)).find((c) => c.unreadCount > 1)!;
      expect((await transport.markUnread({ conversationId: unread.id })).unreadCount).to.equal(
        unread.unreadCount,
      );
      expect((await transport.markRead({ conversationId: unread.id })).unreadCount).to.equal(0);
      expect((await transport.markUnread({ conversationId: unread.id })).unreadCount).to.equal(1);
      await until(() => events.filter((e) => e.type === 'conversation.updated').length === 2, 'two updates');
      expect(
        events.map((e) => (e.type === 'conversation.updated' ? e.conversation.unreadCount : -1)),
      ).to.deep.equal([0, 1]);
    });

    it('deletes messages and conversations, telling every tab; then not-found', async () => {
      const { backend, transport } = make();
      const tab2 = backend.connect(MAIN_ACCOUNT_ID);
      const events = record(tab2);
      const a = await send(transport, 'a');
      const b = await send(transport, 'b');
      await transport.deleteMessage({ conversationId: b.conversationId, messageId: b.id });
      const c = await transport.getConversation({ conversationId: a.conversationId });
      expect(c.lastMessage!.id).to.equal(a.id);
      await transport.deleteConversation({ conversationId: a.conversationId });
      expect((await failure(transport.getConversation({ conversationId: a.conversationId }))).kind).to.equal(
        'not-found',
      );
      expect((await failure(transport.listMessages({ conversationId: a.conversationId }))).kind).to.equal(
        'not-found',
      );
      expect((await failure(transport.markRead({ conversationId: a.conversationId }))).kind).to.equal(
        'not-found',
      );
      await until(() => events.some((e) => e.type === 'conversation.deleted'), 'conversation.deleted');
      expect(events.some((e) => e.type === 'message.deleted' && e.messageId === b.id)).to.equal(true);
      // A new send to them starts a new conversation.
      expect((await send(transport, 'again')).conversationId).to.not.equal(a.conversationId);
    });

    it('searches contacts by part of a name ignoring case and accents, or by digits', async () => {
      const { transport } = make();
      const all = await transport.searchContacts({ query: '', limit: 100 });
      const accented = all.find((c) => /[áéíóúñ]/i.test(c.name))!;
      const plain = accented.name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
      expect(
        (await transport.searchContacts({ query: plain.slice(0, 6), limit: 100 })).map((c) => c.id),
      ).to.include(accented.id);
      const n = all[3]!.numbers[0]!.number; // +1AAA55501NN
      const typed = `(${n.slice(2, 5)}) ${n.slice(5, 8)}-${n.slice(8)}`;
      expect((await transport.searchContacts({ query: typed })).map((c) => c.id)).to.include(all[3]!.id);
      expect(await transport.searchContacts({ query: 'zzzzqqq' })).to.deep.equal([]);
      expect(await transport.searchContacts({ query: '', limit: 3 })).to.have.length(3);
    });

    it('searches seeded messages by folded word prefixes, newest first, the same as reading them all', async () => {
      const { transport } = make({ conversations: 40 });
      // Every message, read page by page, and the ones a person would call a match.
      const all: Message[] = [];
      const list = await transport.listConversations({ limit: 100 });
      for (const c of list.conversations) {
        all.push(...(await transport.listMessages({ conversationId: c.id, limit: 200 })).messages);
      }
      const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      const expected = all.filter((m) =>
        fold(m.text)
          .split(/[^\p{L}\p{N}]+/u)
          .some((w) => w.startsWith('direcc')),
      );
      expect(expected.length, 'the seed has messages with "dirección"').to.be.greaterThan(1);
      const found: Message[] = [];
      let cursor: string | undefined;
      do {
        const page = await transport.searchMessages({
          query: 'DIRECC',
          limit: 7,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.results.length).to.be.at.most(7);
        for (const r of page.results) expect(r.conversationId).to.equal(r.message.conversationId);
        found.push(...page.results.map((r) => r.message));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(found.map((m) => m.id).sort()).to.deep.equal(expected.map((m) => m.id).sort());
      for (let i = 1; i < found.length; i++)
        expect(found[i]!.createdAt).to.be.at.most(found[i - 1]!.createdAt);
      // Accents in the query fold too; the middle of a word does not match.
      const accented = await transport.searchMessages({ query: 'dirección', limit: 100 });
      expect(accented.results.map((r) => r.message.id).sort()).to.deep.equal(
        expected.map((m) => m.id).sort(),
      );
      expect((await transport.searchMessages({ query: 'ireccion' })).results).to.deep.equal([]);
      // A participant's number, typed the national way, finds their conversation's messages.
      const person = list.conversations.find((c) => c.participants.length === 1)!;
      const d = person.participants[0]!.slice(2);
      const byNumber = await transport.searchMessages({
        query: `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
        limit: 100,
      });
      expect(byNumber.results.some((r) => r.conversationId === person.id)).to.equal(true);
    });

    it('opens a huge thread around an old message without reading it all, and pages both ways from there', async () => {
      const { transport } = make({ conversations: 5, hugeThread: 20_000 });
      const huge = (await transport.listConversations({ limit: 1 })).conversations[0]!;
      const target = `${huge.id}-m1000`;
      const page = await transport.listMessages({ conversationId: huge.id, around: target, limit: 50 });
      const at = page.messages.findIndex((m) => m.id === target);
      expect(at).to.equal(25);
      expect(page.hasNewer).to.equal(true);
      const older = await transport.listMessages({
        conversationId: huge.id,
        before: page.olderCursor!,
        limit: 50,
      });
      expect(older.messages.at(-1)!.id).to.equal(`${huge.id}-m974`);
      const newer = await transport.listMessages({
        conversationId: huge.id,
        after: page.newerCursor,
        limit: 50,
      });
      expect(newer.messages[0]!.id).to.equal(`${huge.id}-m1025`);
      expect(
        (await failure(transport.listMessages({ conversationId: huge.id, around: 'nope' }))).kind,
      ).to.equal('not-found');
      const both = await failure(
        transport.listMessages({ conversationId: huge.id, around: target, after: page.newerCursor }),
      );
      expect([both.kind, both.code]).to.deep.equal(['invalid', 'bad-request']);
    });

    it('keeps accounts apart', async () => {
      const { backend, transport } = make();
      const other = backend.connect(NO_NUMBER_ACCOUNT_ID);
      const mine = await transport.listConversations({ limit: 5 });
      expect(
        (await failure(other.getConversation({ conversationId: mine.conversations[0]!.id }))).kind,
      ).to.equal('not-found');
      expect((await failure(other.markRead({ conversationId: mine.conversations[0]!.id }))).kind).to.equal(
        'not-found',
      );
      const events = record(other);
      await send(transport, 'private');
      await backend.receive({ accountId: MAIN_ACCOUNT_ID, from: PERSON, text: 'also private' });
      await new Promise((r) => setTimeout(r, 80));
      expect(events).to.deep.equal([]);
      expect(() => backend.connect('acct-nope')).to.throw(/no account/);
    });

    it('creates a transport with its own backend in one call', async () => {
      const transport = createMemoryTransport({ latencyMs: 0, conversations: 5 });
      backends.push(transport.backend);
      expect(transport.accountId).to.equal(MAIN_ACCOUNT_ID);
      expect((await transport.listConversations()).conversations).to.have.length(5);
      const oops = createMemoryTransport({ latencyMs: 0, accountId: NO_NUMBER_ACCOUNT_ID });
      backends.push(oops.backend);
      expect((await oops.getAccount()).numbers).to.deep.equal([]);
    });
  });
});

describe('memory backend seed at benchmark scale', () => {
  it('seeds 10,000 conversations with distinct participants', async () => {
    const backend = createMemoryBackend({
      latencyMs: 0,
      conversations: 10_000,
      messagesPerConversation: [1, 1],
    });
    try {
      const transport = backend.connect(backend.accounts[0]!.id);
      let count = 0;
      let cursor: string | undefined;
      do {
        const page = await transport.listConversations({ cursor, limit: 100 });
        count += page.conversations.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(count).to.equal(10_000);
    } finally {
      backend.dispose();
    }
  });
});
