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
    await until(() => texts(a, id) === 'Soon|Later, edited', 'the edit reaches the first tab');
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
});
