// `npm run test:tabs` (on demand, not in `npm test`: the reference server start is too long for its budget).
// The message log events with two real tabs open (a window.open popup of the same origin),
// on the reference server: each message is logged once, by the leader tab, whichever tab wrote it.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { createMessagesClient } from '../../../src/store/client.js';
import type { MessagesClient } from '../../../src/store/client.js';
import { createHttpTransport } from '../../../src/transport/http/index.js';
import { until } from '../../helpers/wait.js';

const LOGGED = [
  'sms-message-sent',
  'sms-message-delivered',
  'sms-message-failed',
  'sms-message-received',
] as const;
const OWN = '+12025550199';

describe('message log events with two tabs open', function () {
  this.timeout(60_000);

  it('logs each sent, delivered and received message once across both tabs', async () => {
    const server = (await executeServerCommand('sms-server-start')) as { url: string; token: string };
    const key = `two-tabs-${Date.now()}`;
    const transport = createHttpTransport({ baseUrl: server.url, getToken: () => server.token });
    const client: MessagesClient = createMessagesClient({ transport, tabs: key });
    const popup = window.open(
      `/test/helpers/tab.html?${new URLSearchParams({ server: server.url, token: server.token, key })}`,
      'second-tab',
      'width=900,height=600',
    )!;
    try {
      const provider = await fixture<HTMLElement>(
        html`<sms-provider .client=${client}
          ><sms-messages style="height: 500px; width: 900px"></sms-messages
        ></sms-provider>`,
      );
      const el = provider.firstElementChild as SmsMessages;
      const here: string[] = [];
      for (const type of LOGGED)
        el.addEventListener(type, (e) => here.push(`${type}:${e.detail.message.text}`));
      await client.start();
      const tab = await until(() => popup.smsTab, 'the second tab started', 20_000);
      await tab.client.start();
      const all = () => [...here, ...tab.log];
      const chat = await until(
        () => client.getState().conversations.find((c) => c.participants.length === 1 && c.ownNumber === OWN),
        'a one-to-one chat',
      );
      const id = chat.id;
      const customer = chat.participants[0]!;
      await client.openConversation(id);
      await tab.client.openConversation(id);

      // Written in this tab, and in the other one (which hands it to the leader).
      await client.send({ conversationId: id, text: 'From the first tab' });
      await tab.client.send({ conversationId: id, text: 'From the second tab' });
      await executeServerCommand('sms-server-receive', {
        from: customer,
        to: OWN,
        text: 'Reply from the customer',
      });
      const expected = [
        'sms-message-sent:From the first tab',
        'sms-message-delivered:From the first tab',
        'sms-message-sent:From the second tab',
        'sms-message-delivered:From the second tab',
        'sms-message-received:Reply from the customer',
      ];
      await until(
        () => expected.every((e) => all().includes(e)),
        `every event (${all().join(' | ')})`,
        20_000,
      );
      // Give a duplicate every chance to show up.
      await new Promise((r) => setTimeout(r, 800));
      expect([...all()].sort()).to.deep.equal([...expected].sort());
      // Only one tab logged them: the leader.
      expect(
        here.length === 0 || tab.log.length === 0,
        `here: ${here.length}, there: ${tab.log.length}`,
      ).to.equal(true);
    } finally {
      popup.smsTab?.close();
      popup.close();
      client.destroy();
      transport.close();
    }
  });
});
