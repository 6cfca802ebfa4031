import { expect } from '@open-wc/testing';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import type { Transport } from '../../src/transport/transport.js';
import { until } from '../helpers/wait.js';

// The model run (seed 7 path 2) once saw a chat's preview show an older received text while its
// newest message was the person's send, one place too low in the list. A conversation as the
// server answered it to an earlier request (marking it read) arrived after the send and replaced
// the newer one the client had: the list went back to the older last message and time.

describe('a conversation answered before a send, arriving after it', () => {
  let backend: MemoryBackend;
  let client: MessagesClient;
  afterEach(() => {
    client?.destroy();
    backend?.dispose();
  });

  it('does not take the list back to an older last message', async () => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 10, deliveryMs: [5, 10] });
    const accountId = backend.accounts[0]!.id;
    const inner = backend.connect(accountId);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const transport = new Proxy(inner, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'markRead') {
          // The server answers at once; the answer reaches the client late.
          return (request: Parameters<Transport['markRead']>[0]) => {
            const answer = target.markRead(request);
            return gate.then(() => answer);
          };
        }
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    }) as Transport;
    client = createMessagesClient({ transport });
    await client.start();
    const [, a, b] = client.getState().conversations;
    const find = (id: string) => client.getState().conversations.find((c) => c.id === id)!;
    await backend.receive({ accountId, conversationId: a!.id, text: 'older received' });
    await until(() => find(a!.id).lastMessage?.text === 'older received', 'received into A');
    await backend.receive({ accountId, conversationId: b!.id, text: 'received into B' });
    await until(() => client.getState().conversations[0]!.id === b!.id, 'B on top');

    const reading = client.markRead(a!.id);
    await client.send({ conversationId: a!.id, text: 'the newest, sent' });
    await until(
      () => find(a!.id).lastMessage?.status === 'delivered' || find(a!.id).lastMessage?.status === 'sent',
      'the send acknowledged',
    );
    release();
    await reading;
    await new Promise((r) => setTimeout(r, 50));

    const after = client.getState().conversations;
    expect(after[0]!.id, 'A, with the newest message, stays on top').to.equal(a!.id);
    expect(find(a!.id).lastMessage?.text).to.equal('the newest, sent');
    expect(find(a!.id).unreadCount, 'the answer’s unread count is taken').to.equal(0);
  });
});
