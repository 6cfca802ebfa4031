import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import type { MessageStatus } from '../../src/model/message.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { random } from '../../src/transport/memory/seed.js';
import { until } from '../helpers/wait.js';
import { Network, modelBackend, modelTransport } from './outbox-model.js';

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: -1 };

interface Model {
  /** Texts written per conversation, in order. */
  readonly written: Map<string, string[]>;
}

interface Real {
  backend: MemoryBackend;
  client: MessagesClient;
  conversations: string[];
  userId: string;
  seed: number;
  /** The highest status seen per client id, and whether it ever went back. */
  seen: Map<string, number>;
  backwards: string[];
  counter: number;
  makeClient(): Promise<void>;
}

class Send implements fc.AsyncCommand<Model, Real> {
  readonly conversation: number;
  constructor(conversation: number) {
    this.conversation = conversation;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const id = real.conversations[this.conversation]!;
    const text = `m${real.counter++}`;
    await real.client.send({ conversationId: id, text });
    model.written.set(id, [...(model.written.get(id) ?? []), text]);
  }
  toString = () => `send(${this.conversation})`;
}

class Reload implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    real.client.destroy();
    await new Promise((r) => setTimeout(r, 30));
    await real.makeClient();
  }
  toString = () => 'reload';
}

describe('outbox under a faulty network (model-based)', function () {
  this.timeout(180_000);
  it('delivers every message exactly once, in order per conversation, with no status going back', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.commands(
          [
            fc.integer({ min: 0, max: 2 }).map((c) => new Send(c)),
            fc.boolean().map((b) => new Network(b)),
            fc.constant(new Reload()),
          ],
          { maxCommands: 14 },
        ),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (commands, seed) => {
          const backend = modelBackend();
          const accountId = backend.accounts[0]!.id;
          const rnd = random(seed);
          const real: Real = {
            backend,
            client: undefined as unknown as MessagesClient,
            conversations: [],
            userId: `chaos-${Date.now()}-${run++}`,
            seed,
            seen: new Map(),
            backwards: [],
            counter: 0,
            async makeClient() {
              const transport = modelTransport(backend, accountId, rnd);
              real.client = createMessagesClient({
                transport,
                cache: createIndexedDbCache({ accountId, userId: real.userId }),
                retry: { baseDelayMs: 5, maxDelayMs: 40 },
                throttle: { messages: 1000, perMs: 1000 },
              });
              real.client.state$.subscribe((s) => {
                for (const t of Object.values(s.threads)) {
                  for (const m of t.messages) {
                    if (!m.clientId || m.direction !== 'outbound') continue;
                    const rank = RANK[m.status];
                    const before = real.seen.get(m.clientId) ?? -2;
                    if (rank !== -1 && before !== -2 && rank < before)
                      real.backwards.push(`${m.clientId}: ${before}→${rank}`);
                    real.seen.set(m.clientId, Math.max(before, rank));
                  }
                }
              });
              await real.client.start();
              for (const id of real.conversations)
                await real.client.openConversation(id).catch(() => undefined);
            },
          };
          try {
            await real.makeClient();
            real.conversations = real.client
              .getState()
              .conversations.filter((c) => c.participants.length === 1 && c.ownNumber === '+12025550199')
              .slice(0, 3)
              .map((c) => c.id);
            for (const id of real.conversations) await real.client.openConversation(id);
            const model: Model = { written: new Map() };
            await fc.asyncModelRun(() => ({ model, real }), commands);
            backend.setOffline(false);
            await until(() => real.client.unsentMessages().length === 0, 'the outbox drains', 8000);
            const server = backend.connect(accountId);
            for (const [id, texts] of model.written) {
              const page = await server.listMessages({ conversationId: id, limit: 200 });
              const onServer = page.messages.filter((m) => /^m\d+$/.test(m.text)).map((m) => m.text);
              expect(onServer, `conversation ${id}`).to.deep.equal(texts);
            }
            expect(real.backwards).to.deep.equal([]);
          } catch (error) {
            console.error(`chaos run failed: ${(error as Error).message}`);
            throw error;
          } finally {
            real.client.destroy();
            backend.dispose();
            await new Promise((r) => setTimeout(r, 20));
            indexedDB.deleteDatabase(cacheDatabaseName(accountId, real.userId));
          }
        },
      ),
      { numRuns: 12, seed: 20261125, endOnFailure: true },
    );
  });
});
