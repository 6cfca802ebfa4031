import { expect } from '@open-wc/testing';
import { ClientError } from '../../src/store/errors.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

/** The scheduled texts a client knows for a conversation, soonest first. */
const texts = (client: MessagesClient, conversationId: string) =>
  (client.getState().scheduled[conversationId]?.items ?? []).map((m) => m.text).join('|');

describe('client: send later', () => {
  let backend: MemoryBackend;
  const clients: MessagesClient[] = [];
  const open = (tabs?: string) => {
    const client = createMessagesClient({
      transport: backend.connect(backend.accounts[0]!.id),
      ...(tabs ? { tabs } : {}),
    });
    clients.push(client);
    return client;
  };

  beforeEach(() => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 4, deliveryMs: [10, 20] });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    backend.dispose();
  });

  it('every tab of the account learns of scheduling, edits and sends; the message arrives as a normal send', async () => {
    const key = `sched-${Math.random()}`;
    const a = open(key);
    const b = open(key);
    await Promise.all([a.start(), b.start()]);
    const id = a.getState().conversations[0]!.id;
    await Promise.all([a.loadScheduled(id), b.loadScheduled(id)]);
    const later = await a.scheduleMessage({ conversationId: id, text: 'Later', sendAt: Date.now() + 60_000 });
    const soon = await a.scheduleMessage({ conversationId: id, text: 'Soon', sendAt: Date.now() + 400 });
    await until(() => texts(b, id) === 'Soon|Later', 'the other tab lists both, soonest first');
    await b.updateScheduled(later.id, { text: 'Later, edited' });
    // 'Soon' may already have gone out (due 400 ms after it was scheduled) on a busy machine.
    await until(() => texts(a, id).split('|').includes('Later, edited'), 'the edit reaches the first tab');
    await until(
      () => b.getState().conversations.find((c) => c.id === id)?.lastMessage?.clientId === soon.clientId,
      'the message sent on time arrives in the other tab (the chat’s newest message)',
      5000,
    );
    await until(
      () => texts(a, id) === 'Later, edited' && texts(b, id) === 'Later, edited',
      'it left both lists',
    );
    await a.cancelScheduled(later.id);
    await until(() => texts(b, id) === '', 'the cancel reaches the other tab');
  });

  it('refuses what the backend would refuse, and says when the transport cannot schedule', async () => {
    const client = open();
    await client.start();
    const id = client.getState().conversations[0]!.id;
    const refused = async (run: () => Promise<unknown>, code: string) => {
      const error = await run().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, code).to.be.instanceOf(ClientError);
      expect((error as ClientError).code).to.equal(code);
    };
    await refused(
      () => client.scheduleMessage({ conversationId: id, text: 'x', sendAt: Date.now() - 1 }),
      'scheduled-in-past',
    );
    await refused(
      () => client.scheduleMessage({ conversationId: id, text: '  ', sendAt: Date.now() + 9e5 }),
      'empty-message',
    );
    await refused(
      () => client.scheduleMessage({ conversationId: 'pending:x', text: 'x', sendAt: Date.now() + 9e5 }),
      'unknown-conversation',
    );
    expect(await backend.connect(backend.accounts[0]!.id).listScheduled()).to.have.length(0);
    const inner = backend.connect(backend.accounts[0]!.id);
    const { scheduleMessage: _s, ...rest } = Object.fromEntries(
      Object.getOwnPropertyNames(Object.getPrototypeOf(inner))
        .filter((k) => k !== 'constructor')
        .map((k) => [k, (inner as unknown as Record<string, (...a: unknown[]) => unknown>)[k]!.bind(inner)]),
    );
    const plain = createMessagesClient({ transport: rest as never });
    clients.push(plain);
    expect(plain.canSchedule).to.equal(false);
    await refused(
      () => plain.scheduleMessage({ conversationId: id, text: 'x', sendAt: Date.now() + 9e5 }),
      'scheduling-unsupported',
    );
  });
  it('a photo goes with it: no text needed, sent with the photo at its time; a file a send refuses is refused the same way', async () => {
    const client = open();
    await client.start();
    const account = client.getState().account!;
    const local = account.numbers.find((n) => n.kind !== 'toll-free' && n.capabilities.mms)!;
    const tollFree = account.numbers.find((n) => n.kind === 'toll-free');
    const chat = client.getState().conversations.find((c) => c.ownNumber === local.number)!;
    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      ),
      (ch) => ch.charCodeAt(0),
    );
    const photo = await client.upload(new File([png], 'dot.png'), { from: local.number });
    const scheduled = await client.scheduleMessage({
      conversationId: chat.id,
      text: '',
      attachments: [photo],
      sendAt: Date.now() + 300,
    });
    expect(scheduled.attachments.map((a) => a.id)).to.deep.equal([photo.id]);
    await until(
      () => client.getState().scheduled[chat.id]?.items.some((m) => m.attachments[0]?.id === photo.id),
      'the client lists it with its photo',
    );
    await until(
      () =>
        client.getState().conversations.find((c) => c.id === chat.id)?.lastMessage?.clientId ===
        scheduled.clientId,
      'sent at its time',
      5000,
    );
    const sent = client.getState().conversations.find((c) => c.id === chat.id)!.lastMessage!;
    expect(
      sent.attachments.map((a) => a.id),
      'sent with the photo',
    ).to.deep.equal([photo.id]);

    // What a send refuses, scheduling refuses with the same code.
    const codeOf = (run: () => Promise<unknown>) =>
      run().then(
        () => 'accepted',
        (e: { code?: string }) => e.code,
      );
    const eleven = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        client.upload(new File([png], `p${i}.png`), { from: local.number }),
      ),
    );
    const later = Date.now() + 3_600_000;
    expect(
      await codeOf(() =>
        client.scheduleMessage({ conversationId: chat.id, text: 'x', attachments: eleven, sendAt: later }),
      ),
    ).to.equal('too-many-files');
    if (tollFree) {
      const sms = await backend.connect(backend.accounts[0]!.id).sendMessage({
        clientId: 'tf-1',
        from: tollFree.number,
        to: ['+12025550143'],
        text: 'hi',
        attachmentIds: [],
      });
      await client.openConversation({ conversationId: sms.conversationId }).catch(() => undefined);
      await until(
        () => client.getState().threads[sms.conversationId] !== undefined,
        'the toll-free chat is known',
      );
      expect(
        await codeOf(() =>
          client.scheduleMessage({
            conversationId: sms.conversationId,
            text: 'x',
            attachments: [photo],
            sendAt: later,
          }),
        ),
      ).to.equal('toll-free-sms-only');
    }
    expect(
      (await backend.connect(backend.accounts[0]!.id).listScheduled()).map((m) => m.text),
      'nothing refused was scheduled',
    ).to.deep.equal([]);
  });
});
