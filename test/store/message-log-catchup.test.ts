import { expect } from '@open-wc/testing';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
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
});
