import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { createMessagesClient } from '../../../src/store/client.js';
import type { ListMessagesRequest, Transport } from '../../../src/transport/transport.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { nextFrame, until } from '../../helpers/wait.js';
import { sendWheel } from '../../helpers/wheel.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const scroller = (el: SmsThread) => $<HTMLElement>(el, '.scroller')!;
const row = (el: SmsThread, id: string) => $<HTMLElement>(el, `[data-key="${CSS.escape(id)}"]`);
const centre = (e: Element): [number, number] => {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};
const visible = (el: SmsThread) => getComputedStyle($(el, 'sms-virtualizer')!).visibility !== 'hidden';

/** Renders a thread with its composer, 500 px tall, on the rig's client. */
async function renderChat(
  rig: Rig,
  conversationId: string,
): Promise<{ thread: SmsThread; box: HTMLElement }> {
  const box = await renderWithClient<HTMLElement>(
    rig,
    html`<div style="height: 560px; width: 420px; display: flex; flex-direction: column">
      <sms-thread conversation-id=${conversationId} style="flex: 1; min-height: 0"></sms-thread>
      <sms-composer conversation-id=${conversationId}></sms-composer>
    </div>`,
  );
  const thread = box.querySelector<SmsThread>('sms-thread')!;
  await until(() => $(thread, '[part="bubble"]'), 'thread rendered');
  return { thread, box };
}

/**
 * The rig's backend through a transport that holds every read of one conversation's messages
 * until the test lets it through: `release('around')` the page read around a message,
 * `release('newest')` the newest page.
 */
async function gatedRig(rig: Rig, conversationId: string) {
  const held = { around: [] as (() => void)[], newest: [] as (() => void)[] };
  const open = { around: false, newest: false };
  const inner = rig.backend.connect(rig.accountId);
  const transport = new Proxy(inner, {
    get(target, key) {
      if (key === 'listMessages') {
        return async (request: ListMessagesRequest) => {
          const which = request.around ? 'around' : !request.before && !request.after ? 'newest' : null;
          if (request.conversationId === conversationId && which && !open[which])
            await new Promise<void>((resolve) => held[which].push(resolve));
          return target.listMessages(request);
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Transport;
  const client = createMessagesClient({ transport });
  await client.start();
  return {
    rig: { ...rig, client } satisfies Rig,
    /** Lets the held reads of that page (and later ones) through. */
    release(which: 'around' | 'newest') {
      open[which] = true;
      for (const go of held[which].splice(0)) go();
    },
    waiting: (which: 'around' | 'newest') => held[which].length > 0,
  };
}

/** The message row is painted, highlighted and about in the middle of the view. */
async function expectCentredAndHighlighted(el: SmsThread, id: string): Promise<void> {
  const s = scroller(el);
  await until(
    () => {
      const r = row(el, id);
      if (!r || !visible(el)) return false;
      const box = s.getBoundingClientRect();
      const mid = r.getBoundingClientRect().top + r.getBoundingClientRect().height / 2;
      return Math.abs(mid - (box.top + box.height / 2)) < 40 && r.classList.contains('highlight');
    },
    `${id} in the middle and highlighted`,
    8000,
  );
}

describe('<sms-thread> jumping to a message', () => {
  afterEach(async () => {
    await resetMouse();
    cleanupRigs();
  });

  it('opens a chat of thousands around a message far back: in the middle, highlighted, announced; one page read', async () => {
    const rig = await createRig({ hugeThread: 6000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread } = await renderChat(rig, c.id);
    const target = `${c.id}-m1200`;
    await rig.client.openConversation({ conversationId: c.id, messageId: target });
    await expectCentredAndHighlighted(thread, target);
    const t = rig.client.getState().threads[c.id]!;
    expect(t.jump!.messages.length + t.messages.length, 'pages, not the history').to.be.at.most(100);
    expect($(thread, '[aria-live="polite"]')!.textContent).to.contain('Showing the message from');
    const pill = $<HTMLButtonElement>(thread, '[part="new-messages"]')!;
    expect(pill.textContent!.trim()).to.equal('Jump to the latest');
    await expect(thread).to.be.accessible();
    // The highlight goes after a moment (the row stays).
    await until(() => !row(thread, target)!.classList.contains('highlight'), 'highlight over', 6000);
  });

  it('loads newer pages downward under the wheel until the newest, keeping every message once', async () => {
    const rig = await createRig({ hugeThread: 3000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread } = await renderChat(rig, c.id);
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m2820` });
    await expectCentredAndHighlighted(thread, `${c.id}-m2820`);
    const s = scroller(thread);
    const newestInView = () => {
      const r = row(thread, `${c.id}-m2999`);
      return !!r && r.getBoundingClientRect().bottom <= s.getBoundingClientRect().bottom + 1;
    };
    for (let i = 0; i < 300 && !newestInView(); i++) {
      await sendWheel(s, { deltaY: 400 });
      await nextFrame();
    }
    expect(newestInView(), 'the newest reached by scrolling down').to.equal(true);
    await until(() => rig.client.getState().threads[c.id]!.jump === undefined, 'joined the newest');
    const ids = rig.client.getState().threads[c.id]!.messages.map((m) => m.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids[0]).to.equal(`${c.id}-m2795`);
    expect(ids.at(-1)).to.equal(`${c.id}-m2999`);
    await until(() => !$(thread, '[part="new-messages"]'), 'no pill at the newest');
  });

  it('a text arriving while far back is counted on the pill, not put after the old messages; the pill goes to it', async () => {
    const rig = await createRig({ hugeThread: 3000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread } = await renderChat(rig, c.id);
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m100` });
    await expectCentredAndHighlighted(thread, `${c.id}-m100`);
    const inbound = await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'while you were away',
    });
    const pill = await until(
      () =>
        $<HTMLButtonElement>(thread, '[part="new-messages"]')?.textContent?.includes('1 new message') &&
        $<HTMLButtonElement>(thread, '[part="new-messages"]'),
      'pill counts it',
    );
    expect(row(thread, inbound.id), 'not after the old messages').to.equal(null);
    expect(rig.client.getState().threads[c.id]!.jump!.messages.some((m) => m.id === inbound.id)).to.equal(
      false,
    );
    await sendMouse({ type: 'click', position: centre(pill) });
    const shown = await until(() => row(thread, inbound.id), 'the newest shown');
    const s = scroller(thread);
    await until(() => s.scrollHeight - s.clientHeight - s.scrollTop < 2, 'at the end');
    expect(shown.getBoundingClientRect().bottom).to.be.at.most(s.getBoundingClientRect().bottom + 1);
    expect(rig.client.getState().threads[c.id]!.jump).to.equal(undefined);
  });

  it('jump, then send: the message is shown at the newest', async () => {
    const rig = await createRig({ hugeThread: 3000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread, box } = await renderChat(rig, c.id);
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m300` });
    await expectCentredAndHighlighted(thread, `${c.id}-m300`);
    const composer = box.querySelector('sms-composer')!;
    const field = composer.shadowRoot!.querySelector<HTMLElement>('textarea')!;
    await sendMouse({ type: 'click', position: centre(field) });
    await sendKeys({ type: 'sent from far back' });
    await sendKeys({ press: 'Enter' });
    const s = scroller(thread);
    const echo = await until(
      () =>
        [...thread.shadowRoot!.querySelectorAll<HTMLElement>('[data-key]')].find((r) =>
          r.textContent!.includes('sent from far back'),
        ),
      'echo shown',
    );
    await until(() => s.scrollHeight - s.clientHeight - s.scrollTop < 2, 'at the end');
    expect(echo.getBoundingClientRect().bottom).to.be.at.most(s.getBoundingClientRect().bottom + 1);
    expect(row(thread, `${c.id}-m2999`), 'the newest messages around it').to.not.equal(null);
    expect(row(thread, `${c.id}-m300`)).to.equal(null);
  });

  for (const first of ['around', 'newest'] as const) {
    it(`offers "Jump to the latest" after a jump whose window joins the newest (the ${first} page read first)`, async () => {
      const rig = await createRig({ hugeThread: 3000, conversations: 3 });
      const c = rig.client.getState().conversations[0]!;
      const gated = await gatedRig(rig, c.id);
      try {
        const { thread } = await (async () => {
          const box = await renderWithClient<HTMLElement>(
            gated.rig,
            html`<div style="height: 560px; width: 420px; display: flex; flex-direction: column">
              <sms-thread conversation-id=${c.id} style="flex: 1; min-height: 0"></sms-thread>
            </div>`,
          );
          return { thread: box.querySelector<SmsThread>('sms-thread')! };
        })();
        // Sixty messages back: the page read around it reaches into the newest page.
        const target = `${c.id}-m2940`;
        const jumped = gated.rig.client.openConversation({ conversationId: c.id, messageId: target });
        await until(() => gated.waiting('around') && gated.waiting('newest'), 'both pages asked for');
        const second = first === 'around' ? 'newest' : 'around';
        gated.release(first);
        const state = () => gated.rig.client.getState().threads[c.id];
        await until(
          () => (first === 'around' ? state()?.jump?.status === 'ready' : state()?.status === 'ready'),
          `the ${first} page read`,
        );
        await nextFrame();
        gated.release(second);
        await jumped;
        if (first === 'newest') expect(state()?.jump, 'the two windows joined').to.equal(undefined);
        await expectCentredAndHighlighted(thread, target);
        const pill = await until(
          () => $<HTMLButtonElement>(thread, '[part="new-messages"]'),
          '"Jump to the latest" offered',
        );
        expect(pill.textContent!.trim()).to.equal('Jump to the latest');
        await sendMouse({ type: 'click', position: centre(pill) });
        const s = scroller(thread);
        await until(() => {
          const newest = row(thread, `${c.id}-m2999`);
          return !!newest && newest.getBoundingClientRect().bottom <= s.getBoundingClientRect().bottom + 1;
        }, 'the newest in view');
        await until(() => !$(thread, '[part="new-messages"]'), 'no pill at the newest');
      } finally {
        gated.rig.client.destroy();
      }
    });
  }

  it('offers "Jump to the latest" after a jump that moved away from the newest, and not once it is back', async () => {
    const rig = await createRig({ hugeThread: 3000, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread } = await renderChat(rig, c.id);
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m2965` });
    await expectCentredAndHighlighted(thread, `${c.id}-m2965`);
    await until(() => $(thread, '[part="new-messages"]'), 'pill offered');
    const s = scroller(thread);
    for (let i = 0; i < 50 && s.scrollHeight - s.clientHeight - s.scrollTop >= 2; i++) {
      await sendWheel(s, { deltaY: 400 });
      await nextFrame();
    }
    await until(() => !$(thread, '[part="new-messages"]'), 'no pill once the newest is reached by the wheel');
  });

  it('goes to a message already loaded without reading a page, highlighted again when asked again', async () => {
    const rig = await createRig({ hugeThread: 400, conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const { thread } = await renderChat(rig, c.id);
    const before = rig.client.getState().threads[c.id]!.messages;
    await rig.client.openConversation({ conversationId: c.id, messageId: `${c.id}-m360` });
    await expectCentredAndHighlighted(thread, `${c.id}-m360`);
    expect(rig.client.getState().threads[c.id]!.messages).to.equal(before);
    // Not a window of its own, but forty messages up: the way back is offered all the same.
    const pill = await until(() => $<HTMLButtonElement>(thread, '[part="new-messages"]'), 'pill offered');
    expect(pill.textContent!.trim()).to.equal('Jump to the latest');
  });
});
