import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';
import { sendWheel } from '../../helpers/wheel.js';
import { centre } from '../../helpers/pointer.js';

// Issue 16, defect 1: a chat below the first screen could not be opened with the mouse. On
// mousedown the list took focus and brought its active row (the first, or the selected one)
// into view: the list jumped, and the click landed on another row or none.

function rows(el: SmsConversationList): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
}

function scroller(el: SmsConversationList): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
}

/** A row wholly inside the scroller, around the middle of it. */
function rowInView(el: SmsConversationList): HTMLElement {
  const box = scroller(el).getBoundingClientRect();
  const inside = rows(el).filter((r) => {
    const b = r.getBoundingClientRect();
    return b.top >= box.top && b.bottom <= box.bottom;
  });
  return inside[Math.floor(inside.length / 2)]!;
}

/** Scrolls the list down with the real wheel until at least `px` from the top. */
async function wheelDown(el: SmsConversationList, px: number): Promise<void> {
  const s = scroller(el);
  while (s.scrollTop < px) {
    const before = s.scrollTop;
    await sendWheel(s, { deltaY: 400 });
    await until(() => s.scrollTop !== before, 'the wheel scrolled the list');
  }
  await nextFrame();
}

async function renderList(rig: Rig, tabStop = false): Promise<SmsConversationList> {
  const wrapper = await renderWithClient<HTMLElement>(
    rig,
    html`<div>
      ${tabStop ? html`<button id="before">Before</button>` : ''}
      <sms-conversation-list style="height: 480px; width: 360px; display: flex"></sms-conversation-list>
    </div>`,
  );
  const el = wrapper.querySelector<SmsConversationList>('sms-conversation-list')!;
  await el.updateComplete;
  await until(() => rows(el).length > 0, 'rows rendered');
  return el;
}

describe('<sms-conversation-list> with the real mouse', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  for (const selectedFirst of [false, true]) {
    it(`opens a chat far down the list with a real click${selectedFirst ? ' while another is selected' : ''}`, async () => {
      const rig = await createRig({ client: { pageSize: { conversations: 60 } } });
      if (selectedFirst) rig.client.selectConversation(rig.client.getState().conversations[1]!.id);
      const el = await renderList(rig);
      for (const depth of [1500, 3000]) {
        await wheelDown(el, depth);
        const row = rowInView(el);
        const top = scroller(el).scrollTop;
        await sendMouse({ type: 'click', position: centre(row) });
        await until(
          () => rig.client.getState().selectedConversationId === row.id.replace(/^conversation-/, ''),
          `the clicked chat (${row.id}) is selected, not ${rig.client.getState().selectedConversationId}`,
        );
        await nextFrame();
        expect(Math.abs(scroller(el).scrollTop - top), 'the list did not move').to.be.at.most(1);
        expect(el.shadowRoot!.getElementById(row.id)!.getAttribute('aria-selected')).to.equal('true');
      }
    });
  }

  it('still brings the selected row into view when reached with the keyboard', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 60 } } });
    const chosen = rig.client.getState().conversations[40]!;
    rig.client.selectConversation(chosen.id);
    const el = await renderList(rig, true);
    expect(scroller(el).scrollTop).to.equal(0);
    el.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
    // Past the filter chips to the list.
    const list = el.shadowRoot!.querySelector('[role="listbox"]');
    for (let i = 0; i < 5 && el.shadowRoot!.activeElement !== list; i++) await sendKeys({ press: 'Tab' });
    const inView = () => {
      const row = el.shadowRoot!.querySelector<HTMLElement>('.row.active');
      if (!row) return null;
      const box = scroller(el).getBoundingClientRect();
      const r = row.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 ? row : null;
    };
    const row = await until(inView, 'the selected row is brought into view');
    expect(row.getAttribute('aria-selected')).to.equal('true');
  });
});
