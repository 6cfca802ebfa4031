import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsMessages } from '../../../src/components/messages/messages.js';
import type { SmsSendEvent } from '../../../src/events/send-event.js';
import type { Conversation } from '../../../src/model/conversation.js';
import { messageKey } from '../../../src/store/state.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';
import { sendWheel } from '../../helpers/wheel.js';
import { centre } from '../../helpers/pointer.js';

// Issue 16, defect 2: switching back to a chat showed another chat's messages (A → B → A: the
// header said A, the log showed B's). The thread built its rows in `willUpdate` from a
// controller value that was still the previous chat's; nothing re-rendered afterwards.
// Also defect 1 inside the whole app: a chat below the first screen opens with a real click.

const sr = (e: Element) => e.shadowRoot!;
const list = (el: SmsMessages) => sr(el).querySelector('sms-conversation-list')!;
const thread = (el: SmsMessages) => sr(el).querySelector('sms-thread');
const composer = (el: SmsMessages) => sr(el).querySelector('sms-composer');
const scroller = (el: SmsMessages) => sr(list(el)).querySelector<HTMLElement>('.scroller')!;
const rowOf = (el: SmsMessages, id: string) =>
  [...sr(list(el)).querySelectorAll<HTMLElement>('[role="option"]')].find(
    (r) => r.id === `conversation-${id}`,
  );

async function renderApp(rig: Rig): Promise<SmsMessages> {
  const el = await renderWithClient<SmsMessages>(
    rig,
    html`<sms-messages style="height: 600px; width: 1000px"></sms-messages>`,
  );
  await until(() => sr(el).querySelector('sms-conversation-list'), 'app rendered');
  await until(() => sr(list(el)).querySelector('[role="option"]'), 'rows rendered');
  return el;
}

/** What the thread shows: its header's title and the keys of the message rows in its log. */
function onScreen(el: SmsMessages): { title: string; keys: string[] } | null {
  const t = thread(el);
  if (!t) return null;
  const title = sr(t).querySelector('header .names')?.textContent?.trim() ?? '';
  const keys = [...sr(t).querySelectorAll<HTMLElement>('[part="log"] [data-key]')]
    .map((e) => e.dataset['key']!)
    .filter((k) => !k.startsWith('day:'));
  return { title, keys };
}

/**
 * After switching to `c`: the header, every message in the log and the composer's target are
 * `c`'s, and stay so once the app has settled.
 */
async function expectShowing(el: SmsMessages, rig: Rig, c: Conversation, title: string): Promise<void> {
  const own = () => new Set((rig.client.getState().threads[c.id]?.messages ?? []).map(messageKey));
  const right = () => {
    const s = onScreen(el);
    return s && s.title === title && s.keys.length > 0 && s.keys.every((k) => own().has(k)) ? s : null;
  };
  await until(right, `chat ${c.id} (${title}) on screen, got ${JSON.stringify(onScreen(el))}`);
  // Settled: nothing arriving later may put another chat's messages under this header.
  await thread(el)!.updateComplete;
  await nextFrame();
  await nextFrame();
  const s = onScreen(el)!;
  expect(s.title, 'header').to.equal(title);
  const foreign = s.keys.filter((k) => !own().has(k));
  expect(foreign, `messages of another chat in ${c.id}'s log`).to.deep.equal([]);
  expect(composer(el)!.getAttribute('conversation-id'), 'composer target').to.equal(c.id);
}

/** Types into the composer with the real keyboard and sends with Enter; returns what the host saw. */
async function sendFromComposer(el: SmsMessages, text: string): Promise<SmsSendEvent['detail']> {
  const field = sr(composer(el)!).querySelector<HTMLTextAreaElement>('textarea')!;
  await sendMouse({ type: 'click', position: centre(field) });
  await until(() => sr(composer(el)!).activeElement === field, 'field focused');
  await sendKeys({ type: text });
  const sent = new Promise<SmsSendEvent>((resolve) =>
    el.addEventListener('sms-send', (e) => resolve(e), { once: true }),
  );
  await sendKeys({ press: 'Enter' });
  return (await sent).detail;
}

describe('<sms-messages> switching chats', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('shows only the chosen chat in header, log and composer, switching back and forth by real clicks', async () => {
    const rig = await createRig();
    const el = await renderApp(rig);
    const chats = rig.client
      .getState()
      .conversations.filter((c) => c.participants.length <= 3)
      .slice(0, 4);
    const title = (c: Conversation) => rowOf(el, c.id)!.querySelector('[part="name"]')!.textContent!.trim();
    const titles = new Map(chats.map((c) => [c.id, title(c)]));
    // A, B, A, C, B, D, A, C, D, B, A, D, C, A, B, C: every ordered pair, back and forth.
    const order = [0, 1, 0, 2, 1, 3, 0, 2, 3, 1, 0, 3, 2, 0, 1, 2];
    for (const [step, i] of order.entries()) {
      const c = chats[i]!;
      await sendMouse({ type: 'click', position: centre(rowOf(el, c.id)!) });
      await expectShowing(el, rig, c, titles.get(c.id)!);
      if (step % 5 === 2) {
        // A reply goes to the chat on screen, and to its people only.
        const text = `Reply ${step} to ${c.id}`;
        const detail = await sendFromComposer(el, text);
        expect(detail.conversationId, 'sent to').to.equal(c.id);
        expect([...detail.to].sort(), 'sent to the people of').to.deep.equal([...c.participants].sort());
        await until(
          () => rig.client.getState().threads[c.id]?.messages.some((m) => m.text === text),
          'the reply is in the chat on screen',
        );
        for (const other of chats.filter((o) => o.id !== c.id)) {
          const found = rig.client.getState().threads[other.id]?.messages.some((m) => m.text === text);
          expect(found, `the reply is not in ${other.id}`).to.not.equal(true);
        }
        await expectShowing(el, rig, c, titles.get(c.id)!);
      }
    }
  });

  it('shows only the chosen chat when the selection changes from code', async () => {
    const rig = await createRig();
    const el = await renderApp(rig);
    const chats = rig.client
      .getState()
      .conversations.filter((c) => c.participants.length === 1)
      .slice(0, 3);
    const titles = new Map(
      chats.map((c) => [c.id, rowOf(el, c.id)!.querySelector('[part="name"]')!.textContent!.trim()]),
    );
    for (const i of [0, 1, 0, 2, 1, 2, 0, 1]) {
      const c = chats[i]!;
      if (i === 2) {
        await el.openConversation({ to: c.participants[0]!, from: c.ownNumber });
      } else {
        rig.client.selectConversation(c.id);
      }
      await expectShowing(el, rig, c, titles.get(c.id)!);
    }
  });

  it('opens a chat far down the list with the real wheel and a real click', async () => {
    const rig = await createRig({ client: { pageSize: { conversations: 60 } } });
    const el = await renderApp(rig);
    const first = rig.client.getState().conversations[0]!;
    await sendMouse({ type: 'click', position: centre(rowOf(el, first.id)!) });
    await until(() => rig.client.getState().selectedConversationId === first.id, 'first chat open');
    // The person replies there first: the focus leaves the list.
    const field = await until(() => composer(el) && sr(composer(el)!).querySelector('textarea'), 'composer');
    await sendMouse({ type: 'click', position: centre(field) });
    await until(() => sr(composer(el)!).activeElement === field, 'field focused');
    const s = scroller(el);
    while (s.scrollTop < 2000) {
      const before = s.scrollTop;
      await sendWheel(s, { deltaY: 500 });
      await until(() => s.scrollTop !== before, 'the wheel scrolled the list');
    }
    await nextFrame();
    const box = s.getBoundingClientRect();
    const visible = [...sr(list(el)).querySelectorAll<HTMLElement>('[role="option"]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top && b.bottom <= box.bottom;
    });
    const row = visible[Math.floor(visible.length / 2)]!;
    const id = row.id.replace(/^conversation-/, '');
    const c = rig.client.getState().conversations.find((x) => x.id === id)!;
    const title = row.querySelector('[part="name"]')!.textContent!.trim();
    await sendMouse({ type: 'click', position: centre(row) });
    await until(() => rig.client.getState().selectedConversationId === id, `chat ${id} opened`);
    await expectShowing(el, rig, c, title);
  });
});
