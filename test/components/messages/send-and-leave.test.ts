import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';
import { centre } from '../../helpers/pointer.js';

// Issue 23, found by the model-based run (seed 902, path 2): a person sends, sees the carrier
// refuse a text, retries it by clicking its bubble, then types a new text, presses Enter and
// opens another chat at once. The new text was never sent: the retry had counted as a new
// message against the per-chat throttle, so the client refused the text as "too many", the
// notice went with the chat, and the text sat in the chat's draft.

const sr = (e: Element) => e.shadowRoot!;
const list = (el: SmsMessages) => sr(el).querySelector('sms-conversation-list')!;
const thread = (el: SmsMessages) => sr(el).querySelector('sms-thread');
const composer = (el: SmsMessages) => sr(el).querySelector('sms-composer');
const rowOf = (el: SmsMessages, id: string) =>
  [...sr(list(el)).querySelectorAll<HTMLElement>('[role="option"]')].find(
    (r) => r.id === `conversation-${id}`,
  );

/** The texts the backend holds in a conversation. */
async function held(rig: Rig, conversationId: string): Promise<string[]> {
  const page = await rig.backend.handle(rig.accountId, 'listMessages', { conversationId, limit: 100 });
  return page.messages.map((m) => m.text);
}

/** Clicks the composer's field, types `text` with the real keyboard and presses Enter. */
async function typeAndSend(el: SmsMessages, text: string): Promise<void> {
  const field = sr(composer(el)!).querySelector<HTMLTextAreaElement>('textarea')!;
  await sendMouse({ type: 'click', position: centre(field) });
  await until(() => sr(composer(el)!).activeElement === field, 'field focused');
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('<sms-messages> send and leave', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('sends a text pressed right after retrying a refused one, though the person leaves the chat at once', async () => {
    // Two texts per chat a minute: the refused text and the new one; the retry is the same text again.
    await setViewport({ width: 1100, height: 700 });
    const rig = await createRig({ client: { throttle: { messages: 2, perMs: 60_000 } } });
    const el = await renderWithClient<SmsMessages>(
      rig,
      html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
    );
    await until(() => sr(list(el)).querySelector('[role="option"]'), 'rows rendered');
    const [a, b] = rig.client
      .getState()
      .conversations.filter((c) => c.participants.length === 1 && !c.optedOut?.length);
    await sendMouse({ type: 'click', position: centre(rowOf(el, a!.id)!) });
    await until(() => composer(el)?.getAttribute('conversation-id') === a!.id, 'chat A open');

    rig.backend.setCarrierFailureRate(1);
    await typeAndSend(el, 'Refused by the carrier');
    const bubble = await until(
      () =>
        [...sr(thread(el)!).querySelectorAll<HTMLElement>('[part="bubble"][role="button"]')].find(
          (e) => e.textContent!.trim() === 'Refused by the carrier',
        ),
      'the refused text shown failed, its bubble the retry target',
    );
    rig.backend.setCarrierFailureRate(0);
    await sendMouse({ type: 'click', position: centre(bubble) });
    const mine = () =>
      rig.client.getState().threads[a!.id]!.messages.filter((m) => m.text === 'Refused by the carrier');
    await until(
      () => mine().length === 1 && ['sent', 'delivered'].includes(mine()[0]!.status),
      'the retry sent',
    ).catch(() => {
      throw new Error(`the retry was not sent: ${JSON.stringify(mine().map((m) => [m.id, m.status]))}`);
    });

    await typeAndSend(el, 'Written before leaving');
    await sendMouse({ type: 'click', position: centre(rowOf(el, b!.id)!) });
    await until(() => composer(el)?.getAttribute('conversation-id') === b!.id, 'chat B open');

    await until(
      async () => (await held(rig, a!.id)).includes('Written before leaving'),
      'the text pressed before leaving reaches the backend',
    ).catch(() => undefined);
    const texts = await held(rig, a!.id);
    expect(
      texts.filter((t) => t === 'Written before leaving'),
      `chat A holds the text once (its draft: ${JSON.stringify(rig.client.getState().drafts[a!.id] ?? null)})`,
    ).to.have.length(1);
    expect(await held(rig, b!.id)).to.not.include('Written before leaving');
    expect(rig.client.getState().drafts[a!.id] ?? null, 'nothing left in chat A').to.equal(null);
  });
});
