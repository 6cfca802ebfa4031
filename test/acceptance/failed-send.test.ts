import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { SmsMessages } from '../../src/components/messages/messages.js';
import { cleanupRigs, createRig, renderWithClient } from '../helpers/fixture.js';
import { until } from '../helpers/wait.js';

/** The centre of an element, in page coordinates, for the real pointer. */
function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

async function click(el: Element): Promise<void> {
  await sendMouse({ type: 'click', position: centre(el) });
}

describe('a failed send, as a person meets it (whole app, real pointer and keyboard)', function () {
  this.timeout(30_000);
  afterEach(async () => {
    cleanupRigs();
    await resetMouse();
  });

  it('says "Not sent" in the chat list and retries when the failed bubble is clicked or pressed', async () => {
    await setViewport({ width: 1280, height: 800 });
    const rig = await createRig({ deliveryMs: [5, 10] });
    const el = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
    );
    const root = el.shadowRoot!;
    const list = await until(() => root.querySelector('sms-conversation-list'), 'list shown');
    const row = await until(
      () => list.shadowRoot!.querySelector<HTMLElement>('[role="option"]'),
      'rows shown',
    );
    await click(row);
    const chosen = await until(() => rig.client.getState().selectedConversationId, 'a chat chosen');
    const thread = await until(() => root.querySelector('sms-thread'), 'thread shown');
    const composer = await until(() => root.querySelector('sms-composer'), 'composer shown');
    const field = await until(() => composer.shadowRoot!.querySelector('textarea'), 'field');
    await click(field);

    for (const [round, how] of [
      [1, 'pointer'],
      [2, 'keyboard'],
    ] as const) {
      rig.backend.failNextSends(1, 'invalid');
      const text = `Fail then retry ${round}`;
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
      const bubble = await until(
        () =>
          [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[part="bubble"][role="button"]')].find((b) =>
            b.textContent!.includes(text),
          ),
        `"${text}" shown as not sent`,
      );
      expect(bubble.getAttribute('aria-label')).to.contain('Not sent. Click to try again.');
      // The chat list says so, and the state behind it agrees.
      const conversation = () => rig.client.getState().conversations.find((c) => c.id === chosen)!;
      expect(conversation().lastMessage!.status).to.equal('failed');
      await until(
        () =>
          [...list.shadowRoot!.querySelectorAll('[part="preview"]')].some((p) =>
            p.textContent!.includes(`Not sent · ${text}`),
          ),
        'the row says "Not sent"',
      );
      await expect(el).to.be.accessible();
      if (how === 'pointer') await click(bubble);
      else {
        bubble.focus();
        await sendKeys({ press: 'Enter' });
      }
      await until(
        () => conversation().lastMessage!.status === 'delivered',
        `"${text}" delivered after the ${how}`,
      );
      await until(
        () =>
          [...list.shadowRoot!.querySelectorAll('[part="preview"]')].some((p) =>
            p.textContent!.includes(`You: ${text}`),
          ),
        'the row no longer says "Not sent"',
      );
      const server = await rig.backend
        .connect(rig.accountId)
        .listMessages({ conversationId: chosen, limit: 50 });
      expect(server.messages.filter((m) => m.text === text).length).to.equal(1);
      await click(field);
    }
  });
});
