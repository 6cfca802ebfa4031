import { expect, html } from '@open-wc/testing';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { afterPaint, nextFrame, until } from '../../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

describe('<sms-thread> older messages loaded at the very top', () => {
  afterEach(cleanupRigs);

  it('never paints the message being read out of place, the first row (a day separator) in view', async () => {
    const rig = await createRig({ hugeThread: 600, conversations: 4, latencyMs: 120 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => $$(el, '[part="bubble"]').length > 0, 'thread rendered');
    for (let i = 0; i < 40; i++) await nextFrame();
    const s = $<HTMLElement>(el, '.scroller')!;
    const log = $<HTMLElement>(el, 'sms-virtualizer')!;
    for (let round = 0; round < 4; round++) {
      const before = rig.client.getState().threads[c.id]!.messages.length;
      // The person wheels to the very top: the first rows are in view while the page is read.
      s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
      s.scrollTop = 0;
      s.dispatchEvent(new Event('scroll'));
      await nextFrame();
      await nextFrame();
      const top = s.getBoundingClientRect().top;
      const reading = $$<HTMLElement>(el, '[data-key]:not([data-key^="day:"])')
        .filter((r) => r.getBoundingClientRect().bottom > top + 1)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0]!;
      const key = reading.dataset['key']!;
      const readingTop = reading.getBoundingClientRect().top;
      await until(() => rig.client.getState().threads[c.id]!.messages.length > before, 'older page loaded');
      for (let i = 0; i < 40; i++) {
        await afterPaint();
        if (getComputedStyle(log).visibility === 'hidden') continue; // nothing painted: nothing jumps
        const row = $<HTMLElement>(el, `[data-key="${CSS.escape(key)}"]`);
        const shift = row ? Math.abs(row.getBoundingClientRect().top - readingTop) : Infinity;
        expect(shift, `round ${round}, painted frame ${i}: shift of ${key}`).to.be.at.most(1);
      }
    }
  });
});
