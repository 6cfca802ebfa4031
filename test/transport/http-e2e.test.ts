// End to end in Chromium: <sms-messages> against the HTTP transport and the reference server
// (started by the web-test-runner plugin in server/wtr-plugin.mjs, SQLite in a file).
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { SmsMessages } from '../../src/components/messages/messages.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { createHttpTransport } from '../../src/transport/http/index.js';
import type { HttpTransport } from '../../src/transport/http/index.js';
import { until } from '../helpers/wait.js';

const RECIPIENT = '+12025550143';
const OWN = '+12025550199';

/** Every element matching `selector`, through open shadow roots. */
function deepAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) found.push(...deepAll(el.shadowRoot, selector));
  return found;
}

/** The text a user sees, through open shadow roots. */
function deepText(node: Node): string {
  let text = '';
  for (const child of node.childNodes)
    text += child.nodeType === Node.TEXT_NODE ? child.textContent : deepText(child);
  if (node instanceof Element && node.shadowRoot) text += deepText(node.shadowRoot);
  return text;
}

describe('<sms-messages> on the HTTP transport and the reference server', function () {
  this.timeout(60_000);
  let server: { url: string; token: string };
  const made: { client: MessagesClient; transport: HttpTransport }[] = [];

  async function mount(): Promise<{ el: SmsMessages; client: MessagesClient }> {
    const transport = createHttpTransport({ baseUrl: server.url, getToken: () => server.token });
    const client = createMessagesClient({ transport });
    made.push({ client, transport });
    await client.start();
    const provider = await fixture<HTMLElement>(
      html`<sms-provider .client=${client}
        ><sms-messages style="height: 600px; width: 1000px"></sms-messages
      ></sms-provider>`,
    );
    const el = provider.firstElementChild as SmsMessages;
    await until(() => el.shadowRoot?.querySelector('sms-conversation-list'), 'the app rendered', 10_000);
    return { el, client };
  }

  before(async () => {
    server = (await executeServerCommand('sms-server-start')) as { url: string; token: string };
  });

  afterEach(() => {
    for (const { client, transport } of made.splice(0)) {
      client.destroy();
      transport.close();
    }
  });

  after(async () => {
    await executeServerCommand('sms-server-stop');
  });

  it('sends, receives, and shows everything again after a reload and a server restart', async () => {
    const first = await mount();
    await first.el.openConversation({ to: RECIPIENT, from: OWN });
    const field = await until(
      () => deepAll(first.el.shadowRoot!, 'sms-composer')[0]?.shadowRoot?.querySelector('textarea'),
      'the composer',
      10_000,
    );
    field.focus();
    const text = `Hello over HTTP ${Date.now().toString(36)}`;
    await sendKeys({ type: text });
    await sendKeys({ press: 'Enter' });
    await until(() => deepText(first.el).includes(text), 'the sent message is shown', 10_000);
    const sent = await until(
      () =>
        Object.values(first.client.getState().threads)
          .flatMap((t) => t.messages)
          .find((m) => m.text === text && m.status === 'delivered'),
      'the carrier delivered the message',
      15_000,
    );
    expect(sent.from).to.equal(OWN);

    const reply = `Reply from the carrier ${Date.now().toString(36)}`;
    const { status } = (await executeServerCommand('sms-server-receive', {
      from: RECIPIENT,
      to: OWN,
      text: reply,
    })) as {
      status: number;
    };
    expect(status).to.equal(201);
    await until(() => deepText(first.el).includes(reply), 'the inbound message is shown', 10_000);
    await expect(first.el).to.be.accessible();

    // Reload: a new client and app, against a restarted server on the same database file.
    for (const { client, transport } of made.splice(0)) {
      client.destroy();
      transport.close();
    }
    await executeServerCommand('sms-server-restart');
    const second = await mount();
    const conversation = second.client.getState().conversations.find((c) => c.id === sent.conversationId);
    expect(conversation, 'the conversation is listed after the reload').to.not.equal(undefined);
    expect(conversation!.lastMessage?.text).to.equal(reply);
    await second.el.openConversation({ to: RECIPIENT, from: OWN });
    await until(
      () => deepText(second.el).includes(text) && deepText(second.el).includes(reply),
      'both messages are shown after the reload',
      10_000,
    );
    const thread = second.client.getState().threads[sent.conversationId]!;
    const mine = thread.messages.filter((m) => m.text === text);
    expect(mine.length, 'the sent message once').to.equal(1);
    expect(mine[0]!.status).to.equal('delivered');
    expect(thread.messages.filter((m) => m.text === reply).length, 'the reply once').to.equal(1);
  });
});
