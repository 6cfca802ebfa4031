import { expect, html } from '@open-wc/testing';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);

/**
 * Issue 21, the inbound burst: a stream of texts into the open chat rendered the thread once per
 * frame (a virtualizer update, layout and paint for each text). A lasting stream now renders at
 * most every 200 ms (decision 0026); every text is still shown, and the newest announced once.
 */
describe('<sms-thread> under a stream of inbound texts', () => {
  afterEach(cleanupRigs);

  it('renders a lasting stream in fewer updates, shows every text and announces the newest', async function () {
    this.timeout(30_000);
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => $(el, '[part="bubble"]'), 'thread rendered');
    for (let i = 0; i < 30; i++) await nextFrame();
    let updates = 0;
    const update = el['update'].bind(el);
    el['update'] = (changed) => {
      updates++;
      update(changed);
    };
    // 60 texts, one every 50 ms (the open chat's share of the bench's burst): each rendered the thread.
    const sent: string[] = [];
    for (let i = 0; i < 60; i++) {
      const m = await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: c.id,
        from: c.participants[0]!,
        text: `stream ${i}`,
      });
      sent.push(m.id);
      await new Promise((r) => setTimeout(r, 50));
    }
    const region = $<HTMLElement>(el, '[aria-live="polite"]')!;
    await until(() => region.textContent!.includes('stream 59'), 'the newest announced', 10_000);
    const bubbles = () =>
      [...el.shadowRoot!.querySelectorAll('[part="bubble"]')].map((b) => b.textContent!.trim());
    await until(() => bubbles().includes('stream 59'), 'the newest shown', 10_000);
    const ids = new Set(rig.client.getState().threads[c.id]!.messages.map((m) => m.id));
    expect(
      sent.every((id) => ids.has(id)),
      'every text in the thread',
    ).to.equal(true);
    expect(updates, 'a stream of 60 texts renders in far fewer updates than texts').to.be.below(30);
  });

  it('keeps following the newest through one text per frame (no pill, the newest in view)', async function () {
    this.timeout(30_000);
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => $(el, '[part="bubble"]'), 'thread rendered');
    for (let i = 0; i < 30; i++) await nextFrame();
    // Before: after about 15 texts a scroll event fell between the store's change and the rows'
    // render, the thread took it for the view leaving the newest, and showed "N new messages".
    for (let i = 0; i < 40; i++) {
      await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: c.id,
        from: c.participants[0]!,
        text: `frame ${i}`,
      });
      await nextFrame();
      expect($(el, '.pill')?.textContent?.trim() ?? '', `no pill after text ${i}`).to.equal('');
    }
    const scroller = $<HTMLElement>(el, '.scroller')!;
    await until(
      () => {
        const bubbles = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="bubble"]')];
        const newest = bubbles.find((b) => b.textContent!.trim() === 'frame 39');
        if (!newest) return false;
        const r = newest.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        return r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
      },
      'the newest text fully in view',
      5000,
    );
    expect($(el, '.pill'), 'no "new messages" pill').to.equal(null);
  });
});
