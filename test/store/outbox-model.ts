import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import type { MessageStatus } from '../../src/model/message.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { random } from '../../src/transport/memory/seed.js';
import type { Transport } from '../../src/transport/transport.js';
import { chaosTransport } from '../helpers/chaos-transport.js';
import { until } from '../helpers/wait.js';

/**
 * The outbox model (test/store/outbox-model.chaos.ts on demand, its fixed regression cases in
 * outbox-model-regressions.test.ts): sends from one or two tabs of one account (two tabs share
 * BroadcastChannel, Web Locks and one IndexedDB, as in a browser), outages and reloads of either
 * tab (a reload of the leading tab hands the lead over), over a transport that drops requests,
 * loses answers, duplicates requests and events and reorders events (seeded by `seed`).
 */

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: -1 };
export interface Model {
  /** Texts written per conversation, in the order send was pressed (in any tab). */
  readonly written: Map<string, string[]>;
}

export interface Real {
  readonly backend: MemoryBackend;
  /** The open tabs of the account; [0] starts first, so it leads until it reloads. */
  readonly tabs: MessagesClient[];
  conversations: string[];
  /** The furthest status each tab has shown per client id (across its reloads). */
  readonly seen: Map<string, number>;
  /** Every time a tab showed a message with a status behind one it had shown. */
  readonly backwards: string[];
  counter: number;
  makeClient(tab: number): Promise<void>;
}

export class Send implements fc.AsyncCommand<Model, Real> {
  readonly conversation: number;
  readonly tab: number;
  constructor(conversation: number, tab: number) {
    this.conversation = conversation;
    this.tab = tab;
  }
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const id = real.conversations[this.conversation]!;
    const text = `m${real.counter++}`;
    const tab = real.tabs[this.tab % real.tabs.length]!;
    try {
      await tab.send({ conversationId: id, text });
    } catch (error) {
      // A tab that never read the account (start-up's reads all lost, then offline) refuses with
      // why, and queues nothing: the person still has the text. Any other refusal is a failure.
      if ((error as { code?: string }).code === 'account-unavailable' && !tab.getState().account) return;
      throw error;
    }
    model.written.set(id, [...(model.written.get(id) ?? []), text]);
  }
  toString = () => `send(${this.conversation}, tab ${this.tab})`;
}

/** The backend the outbox models run against: twelve chats, no latency, quick delivery. */
export function modelBackend(): MemoryBackend {
  return createMemoryBackend({ latencyMs: 0, conversations: 12, deliveryMs: [5, 10], seed: 3 });
}

/** A tab's transport in the models: requests dropped, answers lost, events repeated and reordered. */
export function modelTransport(backend: MemoryBackend, accountId: string, rnd: () => number): Transport {
  return chaosTransport(backend.connect(accountId), {
    random: rnd,
    drop: 0.15,
    loseAck: 0.15,
    duplicate: 0.1,
    duplicateEvent: 0.2,
    reorderMs: 15,
  });
}

/**
 * The network goes down or comes back. Any model whose real side has a memory backend runs it
 * (this one and `chaos.test.ts`'s).
 */
export class Network implements fc.AsyncCommand<object, { readonly backend: MemoryBackend }> {
  readonly offline: boolean;
  constructor(offline: boolean) {
    this.offline = offline;
  }
  check = () => true;
  async run(_model: object, real: { readonly backend: MemoryBackend }): Promise<void> {
    real.backend.setOffline(this.offline);
    await new Promise((r) => setTimeout(r, 20));
  }
  toString = () => (this.offline ? 'offline' : 'online');
}

/** Reloads a tab (its client goes away and a new one starts on the same database). */
export class Reload implements fc.AsyncCommand<Model, Real> {
  readonly tab: number;
  constructor(tab: number) {
    this.tab = tab;
  }
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    const tab = this.tab % real.tabs.length;
    real.tabs[tab]!.destroy();
    await new Promise((r) => setTimeout(r, 30));
    await real.makeClient(tab);
  }
  toString = () => `reload(tab ${this.tab})`;
}

let runs = 0;

/**
 * Runs one sequence of commands in `tabCount` tabs, then checks: every text on the server exactly
 * once, each chat in the order send was pressed across tabs and leader changes, every tab shows
 * each message with the server's final status, no status ever went back in a tab (across its
 * reloads), and no thread claims "Beginning of the conversation" without the server's oldest
 * message. Throws with what failed.
 */
export async function runOutboxModel(
  tabCount: number,
  commands: Iterable<fc.AsyncCommand<Model, Real>>,
  seed: number,
): Promise<void> {
  const backend = modelBackend();
  const accountId = backend.accounts[0]!.id;
  const userId = `chaos-${Date.now()}-${runs++}`;
  const rnd = random(seed);
  const real: Real = {
    backend,
    tabs: [],
    conversations: [],
    seen: new Map(),
    backwards: [],
    counter: 0,
    async makeClient(tab) {
      const transport = modelTransport(backend, accountId, rnd);
      const client = createMessagesClient({
        transport,
        cache: createIndexedDbCache({ accountId, userId }),
        // One tab alone runs without tab sync at all (the client of a page that has no key).
        ...(tabCount > 1 ? { tabs: userId } : {}),
        retry: { baseDelayMs: 5, maxDelayMs: 40 },
        throttle: { messages: 1000, perMs: 1000 },
      });
      real.tabs[tab] = client;
      client.state$.subscribe((s) => {
        for (const t of Object.values(s.threads)) {
          for (const m of t.messages) {
            if (!m.clientId || m.direction !== 'outbound') continue;
            const rank = RANK[m.status];
            const key = `${tab}:${m.clientId}`;
            const before = real.seen.get(key) ?? -2;
            if (rank !== -1 && before !== -2 && rank < before)
              real.backwards.push(`tab ${tab} ${m.text}: ${before} → ${rank}`);
            real.seen.set(key, Math.max(before, rank));
          }
        }
      });
      await client.start();
      for (const id of real.conversations) await client.openConversation(id).catch(() => undefined);
    },
  };
  try {
    for (let tab = 0; tab < tabCount; tab++) await real.makeClient(tab);
    const first = real.tabs[0]!;
    // The first list may have been lost to the faulty network: ask until it is there.
    const mine = () =>
      first
        .getState()
        .conversations.filter((c) => c.participants.length === 1 && c.ownNumber === '+12025550199');
    for (let i = 0; i < 10 && mine().length < 3; i++) await first.reloadConversations();
    real.conversations = mine()
      .slice(0, 3)
      .map((c) => c.id);
    for (const tab of real.tabs) for (const id of real.conversations) await tab.openConversation(id);
    const model: Model = { written: new Map() };
    await fc.asyncModelRun(() => ({ model, real }), commands);
    backend.setOffline(false);
    const server = backend.connect(accountId);
    await until(() => real.tabs.every((t) => t.unsentMessages().length === 0), 'every outbox drains', 10_000);
    // Exactly once, and order per chat across leader changes: the server stores each
    // chat's texts in the order send was pressed, whichever tab it was pressed in.
    const final = new Map<string, MessageStatus>();
    for (const [id, texts] of model.written) {
      const page = await server.listMessages({ conversationId: id, limit: 200 });
      const sent = page.messages.filter((m) => /^m\d+$/.test(m.text));
      // What each tab shows of a text missing on the server says where it stopped.
      const missing = texts.filter((t) => !sent.some((m) => m.text === t));
      const views = missing.flatMap((text) =>
        real.tabs.map((tab, i) => {
          const m = Object.values(tab.getState().threads)
            .flatMap((t) => t.messages)
            .find((x) => x.text === text);
          return `tab ${i} (${tab === real.tabs[0] ? 'first' : 'second'}) shows ${text}: ${m ? `${m.status}${m.failure ? ` ${m.failure.code}` : ''}, id ${m.id === m.clientId ? 'local' : m.id}` : 'nothing'}`;
        }),
      );
      expect(
        sent.map((m) => m.text),
        `conversation ${id}${views.length ? ` (${views.join('; ')})` : ''}`,
      ).to.deep.equal(texts);
      for (const m of sent) final.set(m.text, m.status);
    }
    // No stale status in any tab: once the server has settled every message, each tab
    // shows each one with the server's status.
    for (let i = 0; [...final.values()].some((s) => s !== 'delivered' && s !== 'failed'); i++) {
      if (i > 100) throw new Error(`the server never settled: ${JSON.stringify([...final])}`);
      await new Promise((r) => setTimeout(r, 50));
      for (const id of model.written.keys())
        for (const m of (await server.listMessages({ conversationId: id, limit: 200 })).messages)
          if (/^m\d+$/.test(m.text)) final.set(m.text, m.status);
    }
    const stale = () =>
      real.tabs.flatMap((tab, i) =>
        [...final].flatMap(([text, status]) => {
          const shown = Object.values(tab.getState().threads)
            .flatMap((t) => t.messages)
            .filter((m) => m.text === text);
          return shown.length === 1 && shown[0]!.status === status
            ? []
            : [`tab ${i} ${text}: ${shown.map((m) => m.status).join(', ') || 'missing'} (server: ${status})`];
        }),
      );
    await until(() => stale().length === 0, 'every tab shows the final statuses', 5000).catch(() => {
      expect(stale(), `stale statuses: ${stale().join('; ')}`).to.deep.equal([]);
    });
    // No false beginning of the conversation: a thread that says it starts here does.
    for (const tab of real.tabs) {
      for (const t of Object.values(tab.getState().threads)) {
        if (t.olderCursor !== null || !t.synced) continue;
        const page = await server.listMessages({ conversationId: t.conversationId, limit: 500 });
        const oldest = page.messages[0];
        expect(
          !oldest || t.messages.some((x) => x.id === oldest.id),
          `${t.conversationId} claims its beginning without the server's oldest message`,
        ).to.equal(true);
      }
    }
    expect(real.backwards, `statuses that went back: ${real.backwards.join('; ')}`).to.deep.equal([]);
  } catch (error) {
    console.error(`outbox model run failed (${tabCount} tab(s)): ${(error as Error).message}`);
    throw error;
  } finally {
    for (const tab of real.tabs) tab.destroy();
    backend.dispose();
    await new Promise((r) => setTimeout(r, 20));
    indexedDB.deleteDatabase(cacheDatabaseName(accountId, userId));
  }
}
