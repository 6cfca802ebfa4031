import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cacheDatabaseName, createIndexedDbCache } from '../../src/cache/idb-cache.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { ClientEvent, MessagesClient } from '../../src/store/client.js';
import { createHttpTransport } from '../../src/transport/http/index.js';
import type { HttpTransport } from '../../src/transport/http/index.js';
import { until } from '../helpers/wait.js';

const OWN = '+12025550199';
const userId = `resume-${Date.now()}`;

describe('the push channel resumes where the account left off (reference server)', function () {
  this.timeout(60_000);
  let server: { url: string; token: string };
  const made: { client: MessagesClient; transport: HttpTransport }[] = [];
  const received: ClientEvent[] = [];

  /** A tab (one at a time here): client, HTTP transport and the account's IndexedDB cache. */
  async function openTab(): Promise<{ client: MessagesClient; transport: HttpTransport }> {
    const transport = createHttpTransport({ baseUrl: server.url, getToken: () => server.token });
    const client = createMessagesClient({
      transport,
      cache: createIndexedDbCache({ accountId: 'acct-acme', userId }),
      tabs: userId,
    });
    client.events$.subscribe((e) => {
      if (e.type === 'message-received') received.push(e);
    });
    made.push({ client, transport });
    await client.start();
    return { client, transport };
  }

  const count = (text: string) =>
    received.filter((e) => e.type === 'message-received' && e.message.text === text).length;

  before(async () => {
    server = (await executeServerCommand('sms-server-start')) as { url: string; token: string };
  });
  after(async () => {
    for (const m of made.splice(0)) {
      m.client.destroy();
      m.transport.close();
    }
    await executeServerCommand('sms-server-stop');
    indexedDB.deleteDatabase(cacheDatabaseName('acct-acme', userId));
  });

  it('replays (Last-Event-ID) and notifies once the texts that came while no tab was open', async () => {
    const first = await openTab();
    const live = `live ${Date.now().toString(36)}`;
    await executeServerCommand('sms-server-receive', { from: '+12025550143', to: OWN, text: live });
    await until(() => count(live) === 1, 'a live text notified', 10_000);
    await until(() => first.client.getState().sync.lastEventId !== null, 'the last event id kept');
    await new Promise((r) => setTimeout(r, 100)); // the cache writes in bursts
    first.client.destroy();
    first.transport.close();
    // Texts into two chats while no tab listens; the second is not the newest of its chat later.
    const gap = [`gap one ${Date.now().toString(36)}`, `gap two ${Date.now().toString(36)}`];
    await executeServerCommand('sms-server-receive', { from: '+12025550143', to: OWN, text: gap[0] });
    await executeServerCommand('sms-server-receive', { from: '+12025550177', to: OWN, text: gap[1] });
    await executeServerCommand('sms-server-receive', { from: '+12025550177', to: OWN, text: 'after it' });
    await openTab();
    for (const text of [...gap, 'after it'])
      await until(() => count(text) === 1, `"${text}" notified`, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const text of [live, ...gap, 'after it']) expect(count(text), text).to.equal(1);
  });
});
