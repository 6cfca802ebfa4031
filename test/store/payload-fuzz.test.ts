import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { Transport, TransportEvent } from '../../src/transport/transport.js';
import { until } from '../helpers/wait.js';

/** A transport over the memory backend whose push channel the test can also feed directly. */
function hostile() {
  const backend = createMemoryBackend({ latencyMs: 0, conversations: 40, deliveryMs: [5, 10] });
  const inner = backend.connect(backend.accounts[0]!.id);
  const listeners = new Set<(e: TransportEvent) => void>();
  const transport: Transport = Object.assign(Object.create(inner) as Transport, {
    subscribe(listener: (e: TransportEvent) => void) {
      listeners.add(listener);
      const stop = inner.subscribe(listener);
      return () => {
        listeners.delete(listener);
        stop();
      };
    },
  });
  const push = (payload: unknown) => {
    for (const l of listeners) l(payload as TransportEvent);
  };
  return { backend, transport, push };
}

/** Valid-looking events with one field broken in every way a backend could break it. */
function mutations(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const weird = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(Number.NaN),
    fc.constant(-1),
    fc.constant(1e300),
    fc.constant('x'.repeat(200_000)),
    fc.constant([null, null]),
    fc.constant({ __proto__: { polluted: true } }),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
    fc.anything(),
  );
  const paths = [
    ['type'],
    ['message'],
    ['message', 'id'],
    ['message', 'text'],
    ['message', 'createdAt'],
    ['message', 'attachments'],
    ['message', 'to'],
    ['message', 'status'],
    ['conversation'],
    ['conversation', 'participants'],
    ['conversation', 'names'],
    ['conversation', 'unreadCount'],
    ['conversation', 'updatedAt'],
    ['conversation', 'lastMessage'],
  ];
  return fc.tuple(fc.constantFrom(...paths), weird).map(([path, value]) => {
    const copy = structuredClone(base);
    let target = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = (target[key] ?? {}) as Record<string, unknown>;
    target[path.at(-1)!] = value;
    return copy;
  });
}

describe('hostile backend payloads', function () {
  this.timeout(120_000);

  it('survives 100,000 fuzzed pushed payloads: no uncaught error, invariants kept, refusals reported', async () => {
    const { backend, transport, push } = hostile();
    const uncaught: unknown[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(e.message);
    const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const client = createMessagesClient({ transport });
    const reported: ClientEvent[] = [];
    client.events$.subscribe((e) => {
      if (e.type === 'error' && e.operation === 'payload') reported.push(e);
    });
    try {
      await client.start();
      const c = client.getState().conversations[0]!;
      await client.openConversation(c.id);
      // A real event to mutate.
      const base = {
        type: 'message.created',
        eventId: 'base',
        message: {
          id: 'm-fuzz',
          conversationId: c.id,
          direction: 'inbound',
          from: c.participants[0],
          to: [c.ownNumber],
          text: 'hi',
          attachments: [],
          status: 'delivered',
          createdAt: Date.now(),
        },
        conversation: { ...c, updatedAt: Date.now() },
      };
      const payloads = fc.oneof(
        { weight: 2, arbitrary: fc.anything() },
        { weight: 1, arbitrary: fc.jsonValue() },
        { weight: 4, arbitrary: mutations(base) },
      );
      let sent = 0;
      let seed = 42;
      while (sent < 100_000) {
        for (const p of fc.sample(payloads, { numRuns: 2000, seed: seed++ })) push(p);
        sent += 2000;
        await new Promise((r) => setTimeout(r, 0));
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught, 'uncaught errors').to.deep.equal([]);
      expect(reported.length, 'refused payloads are reported').to.be.greaterThan(1000);
      const s = client.getState();
      const ids = s.conversations.map((x) => x.id);
      expect(new Set(ids).size).to.equal(ids.length);
      for (let i = 1; i < s.conversations.length; i++) {
        expect(s.conversations[i - 1]!.updatedAt).to.be.at.least(s.conversations[i]!.updatedAt);
      }
      for (const conv of s.conversations) {
        expect(conv.participants.length).to.be.greaterThan(0);
        expect(Number.isFinite(conv.updatedAt)).to.equal(true);
      }
      for (const m of s.threads[c.id]!.messages) expect(m.text.length).to.be.at.most(10_000);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      // Still works: a real inbound message arrives and shows.
      await backend.receive({
        accountId: backend.accounts[0]!.id,
        conversationId: c.id,
        from: c.participants[0]!,
        text: 'still alive',
      });
      await until(
        () => client.getState().threads[c.id]!.messages.some((m) => m.text === 'still alive'),
        'a real message after the storm',
      );
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      client.destroy();
      backend.dispose();
    }
  });

  it('refuses malformed answers as retryable errors, and keeps the rest of a page', async () => {
    const { backend, transport } = hostile();
    const broken = Object.assign(Object.create(transport) as Transport, {
      getAccount: () =>
        Promise.resolve({
          id: 'acct-acme',
          userId: 'u',
          name: 'X',
          country: 'US',
          numbers: [
            { number: 'nope' },
            { number: '+12025550199', kind: 'local', capabilities: { sms: true, mms: true, group: true } },
          ],
        }),
      listConversations: async () => {
        const page = await transport.listConversations({ limit: 5 });
        return { conversations: [null, ...page.conversations, { id: 7 }], nextCursor: null };
      },
    });
    const client = createMessagesClient({ transport: broken });
    const reported: ClientEvent[] = [];
    client.events$.subscribe((e) => e.type === 'error' && reported.push(e));
    try {
      await client.start();
      expect(client.getState().account!.numbers.map((n) => n.number)).to.deep.equal(['+12025550199']);
      expect(client.getState().conversations.length).to.equal(5);
      expect(reported.length).to.be.greaterThan(0);
    } finally {
      client.destroy();
      backend.dispose();
    }
  });
});
