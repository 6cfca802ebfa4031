import { expect } from '@open-wc/testing';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { until } from '../helpers/wait.js';

let backend: MemoryBackend;
let key = '';
let n = 0;
const tabs: MessagesClient[] = [];

/** A "tab": its own client and transport connection, the same account and tab key. */
async function openTab(): Promise<{ client: MessagesClient; received: ClientEvent[] }> {
  const client = createMessagesClient({ transport: backend.connect(backend.accounts[0]!.id), tabs: key });
  const received: ClientEvent[] = [];
  client.events$.subscribe((e) => {
    if (e.type === 'message-received') received.push(e);
  });
  tabs.push(client);
  await client.start();
  return { client, received };
}

describe('several tabs of one account', () => {
  beforeEach(() => {
    backend = createMemoryBackend({ latencyMs: 0, conversations: 30, deliveryMs: [10, 20] });
    key = `test-${Date.now()}-${n++}`;
  });
  afterEach(() => {
    for (const t of tabs.splice(0)) t.destroy();
    backend.dispose();
  });

  it('shows a received message in every tab but notifies once', async () => {
    const a = await openTab();
    const b = await openTab();
    const c = a.client.getState().conversations.find((x) => x.participants.length === 1)!;
    await backend.receive({
      accountId: backend.accounts[0]!.id,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'hello tabs',
    });
    for (const tab of [a, b]) {
      await until(() => tab.client.getState().conversations[0]!.id === c.id, 'moved to the top in each tab');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(a.received.length + b.received.length).to.equal(1);
  });

  it('sends a message written in any tab once, and every tab sees it delivered', async () => {
    const a = await openTab();
    const b = await openTab();
    const c = a.client
      .getState()
      .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
    await a.client.openConversation(c.id);
    await b.client.openConversation(c.id);
    for (const [tab, text] of [
      [a, 'from tab A'],
      [b, 'from tab B'],
    ] as const) {
      const echo = await tab.client.send({ conversationId: c.id, text });
      for (const t of [a, b]) {
        await until(
          () =>
            t.client.getState().threads[c.id]!.messages.find((m) => m.clientId === echo.clientId)?.status ===
            'delivered',
          `${text} delivered in every tab`,
        );
      }
    }
    const page = await backend
      .connect(backend.accounts[0]!.id)
      .listMessages({ conversationId: c.id, limit: 200 });
    expect(page.messages.filter((m) => m.text === 'from tab A').length).to.equal(1);
    expect(page.messages.filter((m) => m.text === 'from tab B').length).to.equal(1);
  });

  it('shares read state, drafts and deletions', async () => {
    const a = await openTab();
    const b = await openTab();
    const unread = a.client.getState().conversations.find((x) => x.unreadCount > 0)!;
    await a.client.markRead(unread.id);
    await until(
      () => b.client.getState().conversations.find((x) => x.id === unread.id)!.unreadCount === 0,
      'read in tab B',
    );
    a.client.setDraft(unread.id, { text: 'typed in A', attachments: [] });
    await until(() => b.client.getState().drafts[unread.id]?.text === 'typed in A', 'draft in tab B');
    const doomed = b.client.getState().conversations[4]!;
    await b.client.deleteConversation(doomed.id);
    await until(() => !a.client.getState().conversations.some((x) => x.id === doomed.id), 'deleted in tab A');
  });

  it('hands leadership over when the leading tab closes', async () => {
    const a = await openTab();
    const b = await openTab();
    const c = a.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const before = a.received.length + b.received.length;
    await backend.receive({
      accountId: backend.accounts[0]!.id,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'first',
    });
    await until(() => a.received.length + b.received.length === before + 1, 'the leader was notified');
    const leaderWasA = a.received.length > 0;
    const [leader, follower] = leaderWasA ? [a, b] : [b, a];
    leader.client.destroy();
    const closed = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    await backend.receive({
      accountId: backend.accounts[0]!.id,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'after failover',
    });
    await until(
      () =>
        follower.received.some((e) => e.type === 'message-received' && e.message.text === 'after failover'),
      'the other tab leads now',
      2000,
    );
    expect(performance.now() - closed).to.be.below(2000);
  });
});
