import { expect } from '@open-wc/testing';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import type { Message } from '../../src/model/message.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

/**
 * Send order across tabs (decision 0028): the leader sends a message only once it has read the
 * shared outbox after that message's place was durable, so nothing another tab committed before
 * it is overtaken, however the other tab's hand-over went (late, or never).
 */
describe('outbox: send order across tabs', function () {
  this.timeout(20_000);
  let backend: MemoryBackend;
  let accountId = '';
  let key = '';
  let n = 0;
  const open: MessagesClient[] = [];

  async function openTab(): Promise<MessagesClient> {
    const client = createMessagesClient({
      transport: backend.connect(accountId),
      cache: createIndexedDbCache({ accountId, userId: key }),
      tabs: key,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
      throttle: { messages: 1000, perMs: 1000 },
    });
    open.push(client);
    await client.start();
    return client;
  }

  async function onServer(conversationId: string): Promise<string[]> {
    const page = await backend.connect(accountId).listMessages({ conversationId, limit: 200 });
    return page.messages.map((m) => m.text);
  }

  beforeEach(() => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 12, deliveryMs: [5, 10], seed: 7 });
    accountId = backend.accounts[0]!.id;
    key = `order-${Date.now()}-${n++}`;
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.destroy();
    backend.dispose();
    await new Promise((r) => setTimeout(r, 50));
    indexedDB.deleteDatabase(cacheDatabaseName(accountId, key));
  });

  // A tab closed right after its text was committed to the shared outbox, before it handed it
  // over; then a text is written in another follower tab. The leader used to send the second at
  // once (its place came with the hand-over, so the outbox was not read) and the first only at
  // its next catch-up: the server held them in the wrong order.
  it('sends a text a closed tab committed before one handed over after it', async () => {
    const leader = await openTab();
    const follower = await openTab();
    const conversation = leader
      .getState()
      .conversations.find((c) => c.participants.length === 1 && c.ownNumber === '+12025550199')!;
    await leader.openConversation(conversation.id);
    await follower.openConversation(conversation.id);
    expect(follower.unsentMessages()).to.deep.equal([]);

    // What the closed tab left: its text committed, with its place, and no hand-over.
    const closed = createIndexedDbCache({ accountId, userId: key });
    const at = Date.now();
    const early: Message = {
      id: 'closed-tab-1',
      clientId: 'closed-tab-1',
      conversationId: conversation.id,
      direction: 'outbound',
      from: conversation.ownNumber,
      to: conversation.participants,
      text: 'written in the closed tab',
      attachments: [],
      status: 'queued',
      createdAt: at,
    };
    const order = await closed.putOutbox({
      clientId: early.clientId!,
      conversationId: conversation.id,
      message: early,
      since: at,
    });
    expect(order, 'committed with its place').to.be.a('number');
    closed.close();

    await follower.send({ conversationId: conversation.id, text: 'written after it' });
    await until(
      async () => (await onServer(conversation.id)).includes('written after it'),
      'the later text is sent',
      8000,
    );
    const texts = (await onServer(conversation.id)).filter((t) => t.startsWith('written'));
    expect(texts).to.deep.equal(['written in the closed tab', 'written after it']);
  });
});
