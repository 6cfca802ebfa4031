import { expect } from '@open-wc/testing';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { TransportError } from '../../src/transport/errors.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import type { Transport } from '../../src/transport/transport.js';
import { until } from '../helpers/wait.js';

/**
 * A read that fails while the network is up (a dropped request, a lost answer) is read again
 * with backoff: nothing else would ask (no outage ends, no leader changes), and what the tab
 * shows would stay stale for good (found by the outbox model, seed 4711: a message "Sent" in a
 * tab for ever while the server said delivered).
 */
describe('reads that fail while online', () => {
  let backend: MemoryBackend;
  let client: MessagesClient;

  afterEach(() => {
    client?.destroy();
    backend?.dispose();
  });

  /** A transport whose next `fail` thread reads fail at the network; the rest works. */
  function flaky(inner: Transport) {
    const state = { fail: 0, reads: 0 };
    const transport = Object.create(inner) as Transport;
    transport.listMessages = (options) => {
      state.reads++;
      if (state.fail > 0) {
        state.fail--;
        return Promise.reject(new TransportError('network', 'chaos: answer lost'));
      }
      return inner.listMessages(options);
    };
    return { transport, state };
  }

  it('reads a thread again after its read failed, with no outage to end', async () => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 10, deliveryMs: [5, 10] });
    const { transport, state } = flaky(backend.connect(backend.accounts[0]!.id));
    client = createMessagesClient({ transport, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
    await client.start();
    const c = client.getState().conversations[0]!;
    state.fail = 2;
    await client.openConversation(c.id);
    expect(client.getState().threads[c.id]!.status).to.equal('error');
    await until(
      () => client.getState().threads[c.id]!.status === 'ready',
      'the thread read again once, then twice (backoff), and shown',
      5000,
    );
    expect(client.getState().threads[c.id]!.messages.length).to.be.greaterThan(0);
    expect(state.reads).to.equal(3);
  });

  it('reads the account again after start-up could not, and refuses a send meanwhile with why', async () => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 10, deliveryMs: [5, 10] });
    const inner = backend.connect(backend.accounts[0]!.id);
    const transport = Object.create(inner) as Transport;
    let down = true;
    transport.getAccount = (options) =>
      down ? Promise.reject(new TransportError('network', 'chaos: answer lost')) : inner.getAccount(options);
    client = createMessagesClient({ transport, retry: { baseDelayMs: 200, maxDelayMs: 400 } });
    await client.start();
    expect(client.getState().accountStatus).to.equal('error');
    // The four attempts of start-up failed: a send says so (not "no texting number") and keeps nothing.
    const error = await client.send({ to: ['+14155550123'], text: 'Hello' }).then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).to.equal('account-unavailable');
    down = false;
    // Nobody calls start() again: the client reads the account later by itself, then the chats.
    await until(
      () => client.getState().account !== null && client.getState().account !== undefined,
      'the account read again',
      5000,
    );
    await until(() => client.getState().conversations.length > 0, 'the chats read', 5000);
    await client.send({ to: ['+14155550123'], text: 'Hello' });
  });

  it('once the account is read again, reads the threads that failed meanwhile and starts the backoff over', async function () {
    this.timeout(30_000);
    backend = createMemoryBackend({ latencyMs: 0, conversations: 10, deliveryMs: [5, 10] });
    const accountId = backend.accounts[0]!.id;
    const inner = backend.connect(accountId);
    const first = (await backend.handle(accountId, 'listConversations', { limit: 1 })).conversations[0]!;
    const second = (await backend.handle(accountId, 'listConversations', { limit: 2 })).conversations[1]!;
    const transport = Object.create(inner) as Transport;
    let accountReads = 0;
    let accountDown = true;
    const failThreads = new Set([first.id]);
    transport.getAccount = (options) => {
      accountReads++;
      return accountDown
        ? Promise.reject(new TransportError('network', 'chaos: answer lost'))
        : inner.getAccount(options);
    };
    transport.listMessages = (options) => {
      if (!failThreads.has(options.conversationId)) return inner.listMessages(options);
      failThreads.delete(options.conversationId);
      return Promise.reject(new TransportError('network', 'chaos: answer lost'));
    };
    // The delays the client waits, to read its backoff without racing the clock: the base (37 ms)
    // and its doublings are told apart from every other timer by their odd values.
    const delays: number[] = [];
    const original = window.setTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      delays.push(ms ?? 0);
      return original(handler, ms, ...rest);
    }) as typeof window.setTimeout;
    try {
      client = createMessagesClient({ transport, retry: { baseDelayMs: 37, maxDelayMs: 100_000 } });
      const statuses: string[] = [];
      const watching = client.accountStatus$.subscribe((s) => {
        if (statuses.at(-1) !== s) statuses.push(s);
      });
      await client.start();
      expect(client.getState().accountStatus).to.equal('error');
      // Meanwhile a chat is opened and its read fails (the account's retry is already waiting).
      await client.openConversation(first.id);
      expect(client.getState().threads[first.id]!.status).to.equal('error');
      // The account's first retry (37 ms) fails too; the second (74 ms) finds it.
      await until(() => accountReads >= 8, 'the account read again, in vain', 10_000);
      accountDown = false;
      await until(() => client.getState().account, 'the account read at last', 10_000);
      expect(delays.filter((d) => d === 37 || d === 74)).to.deep.equal([37, 74]);
      // The retries in the background keep the failure on screen until one succeeds: the app
      // does not swap its error screen out and in (announcing it again) at every round.
      watching.unsubscribe();
      expect(statuses.slice(statuses.indexOf('error'))).to.deep.equal(['error', 'ready']);
      // No one opens that chat again: it is read anyway.
      await until(
        () => client.getState().threads[first.id]?.status === 'ready',
        'the thread that failed meanwhile read again',
        10_000,
      );
      // In step again: the next failed read waits the first delay, not the next doubling (148).
      failThreads.add(second.id);
      await client.openConversation(second.id);
      await until(
        () => client.getState().threads[second.id]?.status === 'ready',
        'the next failure retried',
        10_000,
      );
      expect(delays.filter((d) => d === 37 || d === 74 || d === 148)).to.deep.equal([37, 74, 37]);
    } finally {
      window.setTimeout = original;
    }
  });
});
