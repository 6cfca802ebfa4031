/** Scenarios 6 and 7's cache parts: fill IndexedDB, cold start from it, raw idb floors. */
import { html } from 'lit';
import { openDB } from 'idb';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { SmsThread } from '../../src/components/thread/thread.js';
import {
  createRig,
  fetchWholeThread,
  frame,
  loadAllConversations,
  loadWholeThread,
  mount,
  stage,
} from './util.js';

const MAX = 200_000;

/** With `BENCH_TRACE=phase`, the driver records a Chrome trace of the cold start (nothing otherwise). */
async function trace(on: boolean, name: string): Promise<void> {
  await (window as { benchTrace?: (on: boolean, name: string) => Promise<void> }).benchTrace?.(on, name);
}

/** Fills the cache through a real client: every conversation, and the whole huge thread. */
export async function fill(conversations: number, messages: number) {
  const probe = createMemoryBackend({ latencyMs: 0, seed: 1, conversations, hugeThread: messages });
  const account = probe.accounts[0]!;
  probe.dispose();
  const cache = createIndexedDbCache({ accountId: account.id, userId: account.userId, maxMessages: MAX });
  const rig = await createRig(
    { conversations, hugeThread: messages },
    { cache, pageSize: { conversations: 100, messages: 200 } },
  );
  await loadAllConversations(rig);
  const id = rig.client.getState().conversations[0]!.id;
  const all = await loadWholeThread(rig, id);
  await cache.flush();
  rig.client.destroy();
  rig.backend.dispose();
  await new Promise((r) => setTimeout(r, 200));
  return {
    accountId: account.id,
    userId: account.userId,
    conversationId: id,
    newestKey: all.at(-1)!.clientId ?? all.at(-1)!.id,
    conversations: rig.client.getState().conversations.length,
    messages: all.length,
  };
}

interface Filled {
  accountId: string;
  userId: string;
  conversationId: string;
  newestKey: string;
  conversations: number;
  messages: number;
}

/** The floor: raw idb reads of the same first page (account, 30 conversations, 50 newest messages). */
export async function rawRead(f: Filled) {
  const t0 = performance.now();
  const db = await openDB(cacheDatabaseName(f.accountId, f.userId));
  const tx = db.transaction(['meta', 'conversations', 'messages'], 'readonly');
  const account = tx.objectStore('meta').get('account');
  const convs: unknown[] = [];
  let c = await tx.objectStore('conversations').index('updatedAt').openCursor(null, 'prev');
  while (c && convs.length < 30) {
    convs.push(c.value);
    c = await c.continue();
  }
  const range = IDBKeyRange.bound([f.conversationId, -Infinity], [f.conversationId, Infinity]);
  const msgs: unknown[] = [];
  let m = await tx.objectStore('messages').index('byConversation').openCursor(range, 'prev');
  while (m && msgs.length < 50) {
    msgs.push(m.value);
    m = await m.continue();
  }
  await account;
  await tx.done;
  const time = performance.now() - t0;
  db.close();
  return { time, conversations: convs.length, messages: msgs.length };
}

/** From createMessagesClient to the list and the open thread painted, the network slower than the cache. */
export async function cold(f: Filled) {
  await trace(true, 'cold');
  const backend = createMemoryBackend({
    latencyMs: 30_000,
    seed: 1,
    conversations: f.conversations,
    hugeThread: f.messages,
  });
  const t0 = performance.now();
  performance.mark('bench:start');
  const client = createMessagesClient({
    transport: backend.connect(f.accountId),
    cache: createIndexedDbCache({ accountId: f.accountId, userId: f.userId, maxMessages: MAX }),
  });
  mount(
    html`<sms-provider .client=${client}
      ><sms-conversation-list style="height: 600px; width: 360px; display: flex"></sms-conversation-list
      ><sms-thread
        conversation-id=${f.conversationId}
        style="height: 600px; width: 420px; display: flex"
      ></sms-thread
    ></sms-provider>`,
  );
  const list = stage().querySelector('sms-conversation-list')!;
  const thread = stage().querySelector<SmsThread>('sms-thread')!;
  let listAt = NaN;
  let threadAt = NaN;
  const end = t0 + 20_000;
  while (performance.now() < end && (Number.isNaN(listAt) || Number.isNaN(threadAt))) {
    await frame();
    if (Number.isNaN(listAt) && list.shadowRoot?.querySelector('[part="row"]')) {
      listAt = performance.now() - t0;
      performance.mark('bench:list');
    }
    if (
      Number.isNaN(threadAt) &&
      thread.shadowRoot?.querySelector(`[data-key="${CSS.escape(f.newestKey)}"]`)
    ) {
      threadAt = performance.now() - t0;
      performance.mark('bench:thread');
    }
  }
  await trace(false, 'cold');
  const loaded = client.getState().threads[f.conversationId]?.messages.length ?? 0;
  client.destroy();
  backend.dispose();
  return { list: listAt, thread: threadAt, time: Math.max(listAt, threadAt), threadMessagesLoaded: loaded };
}

/** idb's single-transaction floor: `count` message records of the cache's shape in one transaction. */
export async function writeFloor(count: number) {
  const name = `bench-floor-${Date.now()}`;
  const db = await openDB(name, 1, {
    upgrade(d) {
      d.createObjectStore('messages', { keyPath: 'key' }).createIndex('byConversation', [
        'conversationId',
        'createdAt',
      ]);
    },
  });
  const rig = await createRig({ conversations: 4, hugeThread: count }, { pageSize: { messages: 200 } });
  const id = rig.client.getState().conversations[0]!.id;
  const messages = await fetchWholeThread(rig, id);
  rig.client.destroy();
  rig.backend.dispose();
  const t0 = performance.now();
  const tx = db.transaction('messages', 'readwrite');
  for (const m of messages)
    void tx.store.put({ key: `${id}\u0000${m.id}`, conversationId: id, createdAt: m.createdAt, message: m });
  await tx.done;
  const ms = performance.now() - t0;
  db.close();
  indexedDB.deleteDatabase(name);
  return { records: messages.length, msPerRecord: ms / messages.length };
}
