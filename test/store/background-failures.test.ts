import { expect } from '@open-wc/testing';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import type { MessagesCache } from '../../src/cache/cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

/**
 * Steps the client runs without anyone awaiting them (the newest page read behind a jump, a chat
 * opened to restore its unsent messages) report what they did not foresee, as failed commands
 * do: an `error` on `events$`, which `<sms-messages>` re-fires as `sms-error`. They were dropped
 * (`.catch(() => undefined)`).
 */
describe('client: a step nobody awaits never fails in silence', () => {
  const userId = `background-${Date.now()}`;
  let backend: MemoryBackend;
  let client: MessagesClient | undefined;
  const errors: Extract<ClientEvent, { type: 'error' }>[] = [];

  /** The account's IndexedDB cache, whose thread reads reject (a cache broken against its contract). */
  function brokenCache(accountId: string): MessagesCache {
    const cache = createIndexedDbCache({ accountId, userId });
    cache.thread = () => Promise.reject(new Error('the disk broke'));
    return cache;
  }

  function open(cache: MessagesCache): MessagesClient {
    const accountId = backend.accounts[0]!.id;
    client = createMessagesClient({ transport: backend.connect(accountId), cache });
    client.events$.subscribe((e) => {
      if (e.type === 'error') errors.push(e);
    });
    return client;
  }

  beforeEach(() => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 3 });
    errors.length = 0;
  });
  afterEach(async () => {
    client?.destroy();
    client = undefined;
    backend.dispose();
    await new Promise((r) => setTimeout(r, 50)); // the cache closes after its last flush
    indexedDB.deleteDatabase(cacheDatabaseName(backend.accounts[0]!.id, userId));
  });

  it('reports a failure of the newest page read behind a jump to a message', async () => {
    backend.dispose();
    backend = createMemoryBackend({ latencyMs: 0, conversations: 3, hugeThread: 300 });
    await open(brokenCache(backend.accounts[0]!.id)).start();
    const c = client!.getState().conversations[0]!;
    const far = `${c.id}-m10`;

    await client!.openConversation({ conversationId: c.id, messageId: far });
    expect(client!.getState().threads[c.id]!.jump!.messages.map((m) => m.id)).to.include(far);
    await until(() => errors.length > 0, 'the failed read reported');
    expect(errors[0]!.operation).to.equal('openConversation');
    expect(errors[0]!.error.message).to.equal('the disk broke');
  });

  it('reports a failure to open the chat of an unsent message restored from the cache', async () => {
    const accountId = backend.accounts[0]!.id;
    const [c] = (await backend.connect(accountId).listConversations({ limit: 1 })).conversations;
    const seed = createIndexedDbCache({ accountId, userId });
    await seed.open();
    const clientId = 'local-restored-1';
    await seed.putOutbox({
      clientId,
      conversationId: c!.id,
      since: Date.now(),
      message: {
        id: clientId,
        clientId,
        conversationId: c!.id,
        direction: 'outbound',
        from: c!.ownNumber,
        to: c!.participants,
        text: 'written before the reload',
        attachments: [],
        status: 'failed',
        createdAt: Date.now(),
      },
    });
    seed.close();

    open(brokenCache(accountId));
    await until(() => errors.length > 0, 'the failed read reported');
    expect(errors[0]!.operation).to.equal('openConversation');
    expect(errors[0]!.error.message).to.equal('the disk broke');
  });
});
