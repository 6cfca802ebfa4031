/** Scenarios 7 and 8: an inbound burst, and send → local echo painted. */
import { html, nothing } from 'lit';
import { createIndexedDbCache } from '../../src/cache/idb-cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { SmsComposer } from '../../src/components/composer/composer.js';
import type { SmsThread } from '../../src/components/thread/thread.js';
import {
  paintedWhen,
  createRig,
  frame,
  frames,
  mount,
  percentile,
  recordFrames,
  sleep,
  stage,
  until,
} from './util.js';

declare global {
  interface Window {
    /** From the driver (Chrome DevTools Protocol): main-thread task time so far, in ms. */
    benchTaskMs?: () => Promise<number>;
  }
}

/** Times every read-write transaction and counts message puts, to get the cache's ms per record. */
function instrumentIdb() {
  let txMs = 0;
  let puts = 0;
  let on = true;
  const transaction = IDBDatabase.prototype.transaction;
  const put = IDBObjectStore.prototype.put;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const tx = transaction.apply(this, args);
    if (on && args[1] === 'readwrite') {
      const t0 = performance.now();
      const done = () => (txMs += performance.now() - t0);
      tx.addEventListener('complete', done);
      tx.addEventListener('abort', done);
    }
    return tx;
  } as IDBDatabase['transaction'];
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (on && this.name === 'messages') puts++;
    return put.apply(this, args);
  };
  return {
    reset() {
      txMs = 0;
      puts = 0;
    },
    read() {
      return { txMs, puts };
    },
    restore() {
      on = false;
      IDBDatabase.prototype.transaction = transaction;
      IDBObjectStore.prototype.put = put;
    },
  };
}

/**
 * 1,000 messages a second for `seconds` across 50 conversations, one open. `subject` 'bare' is
 * the floor: the same backend and client, no elements and no cache. The parts, to see where the
 * time goes (`--only burst-parts`): 'list' (the list alone, cache on), 'thread' (the thread
 * alone, cache on), 'no-cache' (both elements, no cache).
 */
export async function burst(
  subject: 'ours' | 'bare' | 'list' | 'thread' | 'no-cache',
  seconds = 10,
  perSecond = 1000,
) {
  const userId = `bench-${Date.now()}`;
  const cached = subject === 'ours' || subject === 'list' || subject === 'thread';
  const elements = subject !== 'bare';
  const idb = cached ? instrumentIdb() : null;
  // Every one of the 50 chats is in the store (and in the list), with the cache as without it.
  const pageSize = { conversations: 100 };
  const rig = await createRig({ conversations: 50 }, { pageSize });
  const cache = cached
    ? createIndexedDbCache({ accountId: rig.accountId, userId, maxMessages: 200_000 })
    : null;
  // A client with the cache (the rig's has none), started like an app's.
  if (cache) {
    rig.client.destroy();
    rig.client = createMessagesClient({ transport: rig.backend.connect(rig.accountId), cache, pageSize });
    await rig.client.start();
  }
  const convs = rig.client.getState().conversations.slice(0, 50);
  if (convs.length !== 50) throw new Error(`the burst needs 50 chats in the store, found ${convs.length}`);
  const open = convs[0]!;
  await rig.client.openConversation(open.id);
  rig.client.selectConversation(open.id);
  if (elements) {
    mount(
      html`<sms-provider .client=${rig.client}
        >${
          subject === 'thread'
            ? nothing
            : html`<sms-conversation-list
                style="height: 600px; width: 360px; display: flex"
              ></sms-conversation-list>`
        }${
          subject === 'list'
            ? nothing
            : html`<sms-thread
                conversation-id=${open.id}
                style="height: 600px; width: 420px; display: flex"
              ></sms-thread>`
        }</sms-provider
      >`,
    );
    await frames(40);
    if (cache) await cache.flush();
  }
  idb?.reset();
  const sentToOpen: string[] = [];
  const lastFor = new Map<string, string>();
  const rec = recordFrames();
  const task0 = (await window.benchTaskMs?.()) ?? NaN;
  const t0 = performance.now();
  const total = seconds * perSecond;
  const pending: Promise<unknown>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond));
      for (; sent < due; sent++) {
        const c = convs[sent % convs.length]!;
        const text = `burst ${sent}`;
        pending.push(
          rig.backend
            .receive({ accountId: rig.accountId, conversationId: c.id, from: c.participants[0]!, text })
            .then((m) => {
              lastFor.set(c.id, m.id);
              if (c.id === open.id) sentToOpen.push(m.id);
            }),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 4);
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = performance.now() - t0;
  const task1 = (await window.benchTaskMs?.()) ?? NaN;
  const frameStats = rec.stop();
  // Every message shown: the open thread holds (and shows the newest of) all sent to it, and every
  // conversation's last message is the last one it received.
  let allShown = false;
  try {
    await until(
      () => {
        const s = rig.client.getState();
        const ids = new Set(s.threads[open.id]!.messages.map((m) => m.id));
        if (!sentToOpen.every((id) => ids.has(id))) return false;
        if (
          !convs.every(
            (c) => s.conversations.find((x) => x.id === c.id)?.lastMessage?.id === lastFor.get(c.id),
          )
        )
          return false;
        if (elements && subject !== 'list') {
          const thread = stage().querySelector<SmsThread>('sms-thread')!;
          const newest = sentToOpen.at(-1)!;
          const m = s.threads[open.id]!.messages.find((x) => x.id === newest)!;
          if (!thread.shadowRoot!.querySelector(`[data-key="${CSS.escape(m.clientId ?? m.id)}"]`))
            return false;
        }
        return true;
      },
      'every message shown',
      30_000,
    );
    allShown = true;
  } catch {
    allShown = false;
  }
  let cacheMsPerRecord = NaN;
  let cacheMsPerMessage = NaN;
  let cacheRecords = 0;
  let cacheTxMs = NaN;
  if (cache && idb) {
    await cache.flush();
    await sleep(100);
    const { txMs, puts } = idb.read();
    cacheRecords = puts;
    cacheMsPerRecord = puts ? txMs / puts : NaN;
    // Only the open chat's messages are cached (the others' threads are not loaded): per message
    // put, the time of transactions that mostly write chats is divided by a few hundred puts.
    cacheMsPerMessage = txMs / total;
    cacheTxMs = txMs;
  }
  idb?.restore();
  rig.client.destroy();
  rig.backend.dispose();
  return {
    messages: total,
    allShown,
    busy: (task1 - task0) / elapsed,
    maxFrame: frameStats.max,
    p95: frameStats.p95,
    over50: frameStats.over50,
    longTaskMs: frameStats.longTaskMs,
    cacheMsPerRecord,
    cacheMsPerMessage,
    cacheRecords,
    cacheTxMs,
  };
}

/**
 * Leaves the animation-frame callback a `frames()` wait resolves in: a person's click arrives as a
 * task of its own between frames, never inside a frame's callbacks (where work scheduled for the
 * next frame would wait a whole frame more).
 */
const userTurn = () => sleep(0);

/** Click → local echo painted, `count` times; 'plain' is the floor: a button that appends a row. */
export async function send(subject: 'ours' | 'plain', count = 20) {
  const latencies: number[] = [];
  if (subject === 'plain') {
    mount(
      html`<button type="button">Send</button>
        <div class="b-scroller"></div>`,
    );
    const button = stage().querySelector('button')!;
    const log = stage().querySelector('.b-scroller')!;
    let n = 0;
    button.addEventListener('click', () => {
      const row = document.createElement('div');
      row.className = 'b-row own';
      row.textContent = `plain ${n++}`;
      log.append(row);
    });
    await frames(5);
    for (let i = 0; i < count; i++) {
      await userTurn();
      const t0 = performance.now();
      button.click();
      const painted = await paintedWhen(
        () => log.lastElementChild?.textContent === `plain ${i}`,
        'plain row',
      );
      latencies.push(painted - t0);
      await frames(3);
    }
    return {
      sends: count,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
    };
  }
  const userId = `bench-send-${Date.now()}`;
  const probe = await createRig({ conversations: 10 }, {}, false);
  const cache = createIndexedDbCache({ accountId: probe.accountId, userId });
  probe.client.destroy();
  const client = createMessagesClient({
    transport: probe.backend.connect(probe.accountId),
    cache,
    throttle: { messages: 10_000, perMs: 1000 },
  });
  await client.start();
  const c = client.getState().conversations[0]!;
  await client.openConversation(c.id);
  mount(
    html`<sms-provider .client=${client}
      ><sms-thread conversation-id=${c.id} style="height: 500px; width: 420px; display: flex"></sms-thread
      ><sms-composer conversation-id=${c.id} style="width: 420px"></sms-composer
    ></sms-provider>`,
  );
  const thread = stage().querySelector<SmsThread>('sms-thread')!;
  const composer = stage().querySelector<SmsComposer>('sms-composer')!;
  await frames(40);
  const field = await until(() => composer.shadowRoot?.querySelector('textarea'), 'composer field');
  const button = composer.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!;
  for (let i = 0; i < count; i++) {
    const text = `bench send ${i} ${Math.random().toString(36).slice(2, 8)}`;
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await composer.updateComplete;
    await until(() => !button.disabled, 'send enabled');
    await frames(3);
    await userTurn();
    const t0 = performance.now();
    button.click();
    const shown = () =>
      [...thread.shadowRoot!.querySelectorAll('[part="bubble"]')].some((b) => b.textContent?.trim() === text);
    latencies.push((await paintedWhen(shown, 'local echo')) - t0);
    await frame();
  }
  client.destroy();
  probe.backend.dispose();
  return {
    sends: count,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
  };
}
