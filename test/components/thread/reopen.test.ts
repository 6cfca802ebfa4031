import { expect, html } from '@open-wc/testing';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';
import { sendWheel } from '../../helpers/wheel.js';

// Found by the model run (seed 1001 path 4): back in a chat whose messages were already loaded,
// the thread forgot which message was the newest right after building its rows, so the first
// new message at the bottom was neither followed (a send while scrolled up stayed out of view)
// nor counted (no "1 new message" pill for a text received while scrolled up).

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const scroller = (el: SmsThread) => $<HTMLElement>(el, '.scroller')!;
const fromBottom = (s: HTMLElement) => s.scrollHeight - s.clientHeight - s.scrollTop;
const settle = async () => {
  for (let i = 0; i < 40; i++) await nextFrame();
};

describe('<sms-thread> back in a chat already loaded', () => {
  afterEach(cleanupRigs);

  async function switchBack() {
    const rig = await createRig({ hugeThread: 200, conversations: 4 });
    const [a, b] = rig.client.getState().conversations;
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${a!.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => rig.client.getState().threads[a!.id]?.status === 'ready', 'A loaded');
    await settle();
    el.conversationId = b!.id;
    await until(() => rig.client.getState().threads[b!.id]?.status === 'ready', 'B loaded');
    await settle();
    el.conversationId = a!.id;
    await settle();
    const s = scroller(el);
    expect(fromBottom(s)).to.be.below(2);
    await sendWheel(s, { deltaY: -1500 });
    await until(() => fromBottom(s) > 400, 'scrolled up by the wheel');
    await settle();
    return { rig, el, a: a!, s };
  }

  it('counts a text received while scrolled up in the pill', async () => {
    const { rig, el, a, s } = await switchBack();
    const scrolled = s.scrollTop;
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: a.id,
      from: a.participants[0]!,
      text: 'first after switching back',
    });
    const pill = await until(() => $<HTMLButtonElement>(el, '[part="new-messages"]'), 'pill shown');
    expect(pill.textContent).to.include('1 new message');
    expect(Math.abs(s.scrollTop - scrolled)).to.be.below(2);
  });

  it('brings the person’s own send into view while scrolled up', async () => {
    const { rig, a, s } = await switchBack();
    await rig.client.send({ conversationId: a.id, text: 'sent after switching back' });
    await until(() => fromBottom(s) < 2, 'the send is brought into view');
    await settle();
    expect(fromBottom(s)).to.be.below(2);
  });
});
