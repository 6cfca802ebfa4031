import { expect } from '@open-wc/testing';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { TransportError } from '../../src/transport/errors.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { Transport } from '../../src/transport/transport.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

// The message log events (decision 0012) report what this client saw change. A status the push
// channel did not bring (it was down) is learned by the catch-up that follows: it is reported
// then, once.

describe('client: message log events learned by catch-up', () => {
  let backend: MemoryBackend;
  let client: MessagesClient;
  let logged: string[];

  beforeEach(async () => {
    // Delivery comes 300-400 ms after the send: time to take the push channel down first.
    backend = createMemoryBackend({ latencyMs: 0, conversations: 3, deliveryMs: [300, 400], seed: 3 });
    client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
    logged = [];
    client.events$.subscribe((e: ClientEvent) => {
      if (e.type === 'message-status') logged.push(`${e.status}:${e.message.text}`);
    });
    await client.start();
  });
  afterEach(() => {
    client.destroy();
    backend.dispose();
  });

  /** Sends, waits for `sent`, takes the network down until the backend delivered, brings it back. */
  async function deliveredWhileDown(send: () => Promise<unknown>, text: string): Promise<void> {
    await send();
    await until(() => logged.includes(`sent:${text}`), 'sent is reported');
    backend.setOffline(true);
    await until(() => client.getState().connection === 'offline', 'the client sees the network down');
    await new Promise((r) => setTimeout(r, 600)); // the backend delivers meanwhile; nobody is told
    expect(logged, 'no event while down').to.deep.equal([`sent:${text}`]);
    backend.setOffline(false);
  }

  it('a chat open in this client: the catch-up re-reads it and reports delivered, once', async () => {
    const id = client.getState().conversations[0]!.id;
    await client.openConversation(id);
    await deliveredWhileDown(() => client.send({ conversationId: id, text: 'Open chat' }), 'Open chat');
    await until(
      () => logged.includes('delivered:Open chat'),
      'delivered is reported after the catch-up',
      5000,
    );
    await client.reloadConversations();
    await client.openConversation(id);
    await new Promise((r) => setTimeout(r, 200));
    expect(logged).to.deep.equal(['sent:Open chat', 'delivered:Open chat']);
  });

  it('a text sent through the API to a chat not open here: the list refetch reports delivered, once', async () => {
    const c = client.getState().conversations.at(-1)!;
    await deliveredWhileDown(() => client.send({ to: c.participants, text: 'From the CRM' }), 'From the CRM');
    await until(
      () => logged.includes('delivered:From the CRM'),
      'delivered is reported after the catch-up',
      5000,
    );
    // Later reads of the same status (the list again, the thread opened) report nothing more.
    await client.reloadConversations();
    await client.openConversation(c.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(logged).to.deep.equal(['sent:From the CRM', 'delivered:From the CRM']);
  });
  it('a chat jumped back to an old message: a delivery learned by the catch-up is reported once, and once more never', async () => {
    backend.dispose();
    client.destroy();
    backend = createMemoryBackend({
      latencyMs: 0,
      conversations: 3,
      messagesPerConversation: [200, 200],
      deliveryMs: [300, 400],
      seed: 3,
    });
    client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id) });
    logged = [];
    client.events$.subscribe((e: ClientEvent) => {
      if (e.type === 'message-status') logged.push(`${e.status}:${e.message.text}`);
    });
    await client.start();
    const id = client.getState().conversations[0]!.id;
    const transport = backend.connect(backend.accounts[0]!.id);
    const oldest = (await transport.listMessages({ conversationId: id, limit: 200 })).messages[5]!;
    await client.openConversation(id);
    await deliveredWhileDown(async () => {
      await client.send({ conversationId: id, text: 'Before the jump' });
      await until(() => logged.includes('sent:Before the jump'), 'sent');
      // The person jumps to a message far back (a search result) while it is on its way.
      await client.openConversation({ conversationId: id, messageId: oldest.id });
      await until(() => client.getState().threads[id]?.jump?.status === 'ready', 'the jump window is read');
    }, 'Before the jump');
    await until(
      () => logged.includes('delivered:Before the jump'),
      'delivered is reported after the catch-up, while jumped',
      5000,
    );
    // Paging the jump window down to the present reads the same status again: nothing more.
    for (let i = 0; i < 10 && client.getState().threads[id]?.jump; i++) {
      await client.loadNewer(id);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(logged).to.deep.equal(['sent:Before the jump', 'delivered:Before the jump']);
  });
  it('a chat jumped back: when the catch-up cannot read the thread’s newest page, the status the list re-read brings reaches the message and is reported, once', async () => {
    backend.dispose();
    client.destroy();
    backend = createMemoryBackend({
      latencyMs: 0,
      conversations: 3,
      messagesPerConversation: [200, 200],
      deliveryMs: [300, 400],
      seed: 3,
    });
    const inner = backend.connect(backend.accounts[0]!.id);
    let failNewest = false;
    // The newest page of a thread cannot be read for a while (a flaky API); paging still works.
    const flaky = new Proxy(inner, {
      get(target, key) {
        if (key === 'listMessages')
          return (r: Parameters<Transport['listMessages']>[0]) =>
            failNewest && !r.before && !r.after && !r.around
              ? Promise.reject(new TransportError('invalid', 'Not now.', { code: 'flaky' }))
              : target.listMessages(r);
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    client = createMessagesClient({ transport: flaky });
    logged = [];
    client.events$.subscribe((e: ClientEvent) => {
      if (e.type === 'message-status') logged.push(`${e.status}:${e.message.text}`);
    });
    await client.start();
    const id = client.getState().conversations[0]!.id;
    const old = (await inner.listMessages({ conversationId: id, limit: 200 })).messages[5]!;
    await client.openConversation(id);
    await deliveredWhileDown(async () => {
      await client.send({ conversationId: id, text: 'Paged to' });
      await until(() => logged.includes('sent:Paged to'), 'sent');
      await client.openConversation({ conversationId: id, messageId: old.id });
      await until(() => client.getState().threads[id]?.jump?.status === 'ready', 'the jump window is read');
      failNewest = true;
    }, 'Paged to');
    await until(() => logged.includes('delivered:Paged to'), 'delivered is reported', 5000);
    const shown = () => client.getState().threads[id]!.messages.find((m) => m.text === 'Paged to');
    expect(shown()?.status, 'the message in the thread says delivered').to.equal('delivered');
    // The person scrolls down to the present, the newest page reads again: nothing more.
    for (let i = 0; i < 10 && client.getState().threads[id]?.jump; i++) await client.loadNewer(id);
    expect(client.getState().threads[id]?.jump, 'the windows joined').to.equal(undefined);
    failNewest = false;
    await client.openConversation(id);
    await new Promise((r) => setTimeout(r, 200));
    expect(logged).to.deep.equal(['sent:Paged to', 'delivered:Paged to']);
  });
});
