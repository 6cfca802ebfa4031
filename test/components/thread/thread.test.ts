import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import type { SmsErrorEvent } from '../../../src/events/error-event.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { afterPaint, nextFrame, until } from '../../helpers/wait.js';

const messageKeyOf = (m: { id: string; clientId?: string }) => m.clientId ?? m.id;
const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const scroller = (el: SmsThread) => $<HTMLElement>(el, '.scroller')!;
/** Lets the thread finish pinning or anchoring (it corrects over ~30 frames while rows are measured). */
const settle = async () => {
  for (let i = 0; i < 40; i++) await nextFrame();
};

async function renderThread(rig: Rig, conversationId: string, width = 420): Promise<SmsThread> {
  const el = await renderWithClient<SmsThread>(
    rig,
    html`<sms-thread
      conversation-id=${conversationId}
      style="height: 500px; width: ${width}px; display: flex"
    ></sms-thread>`,
  );
  await until(() => $$(el, '[part="bubble"]').length > 0 || $(el, '.empty'), 'thread rendered');
  await settle();
  return el;
}

function firstVisible(el: SmsThread): HTMLElement {
  const top = scroller(el).getBoundingClientRect().top;
  return $$<HTMLElement>(el, '[data-key]').find((r) => r.getBoundingClientRect().bottom > top + 1)!;
}

describe('<sms-thread>', () => {
  afterEach(cleanupRigs);

  it('opens at the newest message, scrolled to the end, with day separators and statuses', async () => {
    const rig = await createRig({ hugeThread: 400, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    await until(() => s.scrollHeight - s.clientHeight - s.scrollTop < 2, 'at the bottom');
    const newest = rig.client.getState().threads[c.id]!.messages.at(-1)!;
    expect(rig.client.getState().threads[c.id]!.messages.length, 'only the newest page is loaded').to.equal(
      50,
    );
    const last = await until(
      () => $<HTMLElement>(el, `[data-key="${newest.clientId ?? newest.id}"]`),
      'newest rendered',
    );
    expect(last.getBoundingClientRect().bottom).to.be.at.most(s.getBoundingClientRect().bottom + 1);
    await expect(el).to.be.accessible();
  });

  it('shows the full date of a message as its tooltip, and in place of its time while the row has focus', async () => {
    const rig = await createRig({ hugeThread: 60, conversations: 2 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const newest = rig.client.getState().threads[c.id]!.messages.at(-1)!;
    const row = $<HTMLElement>(el, `[data-key="${messageKeyOf(newest)}"]`)!;
    const full = new Intl.DateTimeFormat(navigator.language, {
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(newest.createdAt);
    const time = row.querySelector<HTMLTimeElement>('[part="timestamp"]')!;
    // Made when the page is idle after the thread opened (row-times.ts), then on every row.
    await until(() => time.title === full, 'the full date as the tooltip');
    expect(time.dateTime).to.equal(new Date(newest.createdAt).toISOString());
    // One text node: the short time; while the row has focus, the full date is drawn in its place.
    const shown = () => {
      const after = getComputedStyle(time, '::after').content;
      return after === 'none' || after === 'normal'
        ? time.textContent
        : getComputedStyle(time).fontSize === '0px' && (JSON.parse(after.replace(/ \/ ""$/, '')) as string);
    };
    expect(time.textContent).to.equal(
      new Intl.DateTimeFormat(navigator.language, { timeStyle: 'short' }).format(newest.createdAt),
    );
    expect(shown()).to.equal(time.textContent);
    row.querySelector<HTMLButtonElement>('button.more')!.focus();
    expect(shown()).to.equal(full);
    row.querySelector<HTMLButtonElement>('button.more')!.blur();
    expect(shown()).to.equal(time.textContent);
  });

  it('draws a text message as a light row: its bubble, its button, its time and status, no wrappers', async () => {
    const rig = await createRig({ hugeThread: 60, conversations: 2 });
    const el = await renderThread(rig, rig.client.getState().conversations[0]!.id);
    const nodes = (n: Node): number => [...n.childNodes].reduce((sum, c) => sum + nodes(c), 1);
    const plain = $$<HTMLElement>(el, '.row').filter(
      (r) => !r.querySelector('[part="attachment"], .sender, [part="reactions"], .bubble a, .menu, .retry'),
    );
    expect(plain.length, 'plain text rows shown').to.be.above(0);
    for (const row of plain) {
      // The row, its bubble and its text, "More actions", one Lit marker, the time and its text (+ the status and its text).
      const own = row.classList.contains('own');
      expect(nodes(row), `nodes of ${own ? 'an own' : 'an inbound'} text row`).to.equal(own ? 9 : 7);
      expect(row.querySelector('[part="bubble"]')!.textContent!.trim(), 'its text').to.not.equal('');
      expect(row.querySelector('button.more')!.getAttribute('aria-label')).to.equal('More actions');
      if (own) expect(row.querySelector('[part="status"]')!.textContent).to.match(/\S/);
    }
  });

  it('puts one day separator before the first message of each local day', async () => {
    const HOUR = 3_600_000;
    const midnight = new Date(2026, 10, 20).getTime();
    let clock = midnight - 10 * HOUR;
    const rig = await createRig({ conversations: 2, now: () => clock });
    const c = rig.client.getState().conversations[0]!;
    const times = [midnight - 60_000, midnight + 60_000, midnight + 12 * HOUR, midnight + 24 * HOUR + 1];
    for (const t of times) {
      clock = t;
      await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: c.id,
        from: c.participants[0]!,
        text: `at ${t}`,
      });
    }
    const el = await renderThread(rig, c.id);
    // The rows in the order they are seen, from the last message before these four.
    const rows = $$<HTMLElement>(el, '[data-key]').sort(
      (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
    );
    const texts = rows.map((r) =>
      r.dataset['key']!.startsWith('day:')
        ? r.dataset['key']!
        : r.querySelector('[part="bubble"]')!.textContent!,
    );
    const from = texts.findIndex((t) => t.includes(`at ${times[0]}`));
    expect(from, 'the first of the four is shown').to.be.above(-1);
    const day = (t: number) => `day:${new Date(t).toDateString()}`;
    expect(texts.slice(from).map((t) => (t.startsWith('day:') ? t : t.match(/at \d+/)![0]))).to.deep.equal([
      `at ${times[0]}`,
      day(times[1]!),
      `at ${times[1]}`,
      `at ${times[2]}`,
      day(times[3]!),
      `at ${times[3]}`,
    ]);
  });

  it('loads older messages when scrolled up, with zero shift of the message being read', async () => {
    const rig = await createRig({ hugeThread: 600, conversations: 4, latencyMs: 300 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    const userScroll = (top: number) => {
      s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
      s.scrollTop = top;
      s.dispatchEvent(new Event('scroll'));
    };
    for (let round = 0; round < 3; round++) {
      const before = rig.client.getState().threads[c.id]!.messages.length;
      userScroll(600); // reading, not yet near the top
      await settle();
      userScroll(350); // near the top: older messages start loading
      await nextFrame();
      await nextFrame();
      const reading = firstVisible(el);
      const readingKey = reading.dataset['key']!;
      const readingTop = reading.getBoundingClientRect().top;
      await until(() => rig.client.getState().threads[c.id]!.messages.length > before, 'older page loaded');
      let worst = 0;
      let hidden = 0;
      for (let i = 0; i < 40; i++) {
        await afterPaint();
        if (getComputedStyle($(el, 'sms-virtualizer')!).visibility === 'hidden') {
          hidden++;
          continue; // nothing painted this frame: nothing jumps
        }
        const row = $<HTMLElement>(el, `[data-key="${CSS.escape(readingKey)}"]`);
        worst = Math.max(worst, row ? Math.abs(row.getBoundingClientRect().top - readingTop) : Infinity);
      }
      const after = $<HTMLElement>(el, `[data-key="${CSS.escape(readingKey)}"]`)!;
      expect(after, 'the message being read is still rendered').not.to.equal(null);
      expect(Math.abs(after.getBoundingClientRect().top - readingTop), `round ${round}`).to.be.at.most(1);
      expect(worst, `round ${round}: largest shift in any painted frame`).to.be.at.most(1);
      expect(hidden, `round ${round}: frames with the log hidden while re-anchoring`).to.be.at.most(6);
    }
  });

  it('shows the newest of 100,000 loaded messages at the bottom, and slides to older ones at the top', async function () {
    this.timeout(90_000);
    const rig = await createRig({
      hugeThread: 100_000,
      conversations: 2,
      client: { pageSize: { messages: 200 } },
    });
    const c =
      rig.client.getState().conversations.find((x) => x.id === 'c1') ??
      rig.client.getState().conversations[0]!;
    await rig.client.openConversation(c.id);
    while (rig.client.getState().threads[c.id]!.olderCursor !== null) await rig.client.loadOlder(c.id);
    const messages = rig.client.getState().threads[c.id]!.messages;
    expect(messages.length).to.equal(100_000);
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    const newest = messages.at(-1)!;
    const last = await until(
      () => $<HTMLElement>(el, `[data-key="${CSS.escape(newest.clientId ?? newest.id)}"]`),
      'newest rendered',
    );
    await settle();
    const box = s.getBoundingClientRect();
    const r = last.getBoundingClientRect();
    expect(r.bottom, 'the newest message is inside the view').to.be.at.most(box.bottom + 1);
    expect(r.top).to.be.at.least(box.top - 1);
    // At the top of the window, older loaded messages take the place of the newest ones.
    const firstShown = () =>
      $$<HTMLElement>(el, '[data-key]')
        .map((x) => x.dataset['key']!)
        .find((k) => !k.startsWith('day:'));
    s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
    s.scrollTop = 0;
    s.dispatchEvent(new Event('scroll'));
    await settle();
    const index = messages.findIndex((m) => messageKeyOf(m) === firstShown());
    expect(index, 'older messages than the first window shown').to.be.below(100_000 - 40_000);
  });

  it('stays at the newest message when the thread is resized (rows re-wrap)', async () => {
    const rig = await createRig({ hugeThread: 200, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id, 520);
    const s = scroller(el);
    const atBottom = () => Math.abs(s.scrollHeight - s.clientHeight - s.scrollTop) <= 1;
    expect(atBottom(), 'opened at the bottom').to.equal(true);
    el.style.width = '240px';
    await settle();
    expect(atBottom(), 'still at the bottom after getting narrower').to.equal(true);
    el.style.height = '300px';
    await settle();
    expect(atBottom(), 'still at the bottom after getting shorter').to.equal(true);
  });

  it('stays pinned to the bottom for new messages, and shows a pill when scrolled up', async () => {
    const rig = await createRig({ hugeThread: 200, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'pinned one',
    });
    await until(() => el.shadowRoot!.textContent!.includes('pinned one'), 'new message shown');
    await settle();
    expect(s.scrollHeight - s.clientHeight - s.scrollTop).to.be.below(2);
    expect($(el, '[part="new-messages"]')).to.equal(null);
    s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
    s.scrollTop = s.scrollHeight / 2;
    s.dispatchEvent(new Event('scroll'));
    await settle();
    const scrolled = s.scrollTop;
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'one',
    });
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'two',
    });
    const pill = await until(() => $<HTMLButtonElement>(el, '[part="new-messages"]'), 'pill shown');
    await until(() => pill.textContent!.includes('2 new messages'), 'counts two');
    expect(Math.abs(s.scrollTop - scrolled)).to.be.below(2);
    await expect(el).to.be.accessible();
    pill.click();
    await until(() => s.scrollHeight - s.clientHeight - s.scrollTop < 2, 'jumped to the newest');
    await until(() => !$(el, '[part="new-messages"]'), 'pill gone');
  });

  it('leaves a scroll it did not make where it is (a screen reader, find in page, the host page)', async () => {
    const rig = await createRig({ hugeThread: 200, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    expect(s.scrollHeight - s.clientHeight - s.scrollTop, 'pinned at first').to.be.below(2);
    // No wheel, touch, key or pointer: the page brings an earlier message into view.
    const rows = $$<HTMLElement>(el, '[data-key]:not([data-key^="day:"])');
    const target = rows.reduce((a, b) =>
      b.getBoundingClientRect().top < a.getBoundingClientRect().top ? b : a,
    );
    const key = target.dataset['key']!;
    target.scrollIntoView({ block: 'start' });
    await settle();
    const row = $<HTMLElement>(el, `[data-key="${CSS.escape(key)}"]`);
    expect(row, 'the message brought into view is still rendered').to.not.equal(null);
    const offset = row!.getBoundingClientRect().top - s.getBoundingClientRect().top;
    expect(Math.abs(offset), 'the message stays at the top of the view').to.be.below(2);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'later',
    });
    await until(() => $(el, '[part="new-messages"]'), 'a new message shows the pill instead of jumping');
  });

  it('announces each inbound message once in a polite live region', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    const region = $<HTMLElement>(el, '[aria-live="polite"]')!;
    expect(region.textContent!.trim()).to.equal('');
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'Door code is 4471',
    });
    await until(() => region.textContent!.includes('Door code is 4471'), 'announced');
    expect($(el, '[role="log"]')).not.to.equal(null);
  });

  it('retries a failed message by click and by keyboard, with the same client id', async () => {
    const rig = await createRig();
    const c = rig.client
      .getState()
      .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
    const el = await renderThread(rig, c.id);
    rig.backend.failNextSends(2, 'invalid');
    const echo = await rig.client.send({ conversationId: c.id, text: 'try me' });
    const status = () =>
      rig.client.getState().threads[c.id]!.messages.find((m) => m.clientId === echo.clientId)?.status;
    const retry = await until(() => $<HTMLButtonElement>(el, '.retry'), 'failed status shown');
    expect(retry.textContent).to.contain('Not sent');
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => status() !== 'failed', 'retrying');
    await until(
      () => status() === 'failed' && $<HTMLButtonElement>(el, '.retry'),
      'failed again (second injected failure)',
    );
    $<HTMLButtonElement>(el, '.retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => status() === 'delivered', 'delivered');
    const page = await rig.backend.connect(rig.accountId).listMessages({ conversationId: c.id, limit: 100 });
    expect(page.messages.filter((m) => m.clientId === echo.clientId).length).to.equal(1);
  });

  it('deletes a message after "Yes", and keeps it after "No"', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    const count = () => rig.client.getState().threads[c.id]!.messages.length;
    const before = count();
    const openMenu = async () => {
      const rows = $$<HTMLElement>(el, '.row');
      rows.at(-1)!.querySelector<HTMLButtonElement>('.more')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, '[role="menuitem"]')!.click();
      return until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'confirmation open');
    };
    let dialog = await openMenu();
    expect(dialog.textContent).to.contain('Delete this message?');
    await expect(el).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'No')!.click();
    await until(() => !$(el, 'dialog[open]'), 'closed');
    expect(count()).to.equal(before);
    dialog = await openMenu();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Yes')!.click();
    await until(() => count() === before - 1, 'deleted');
  });

  it('deletes the chat only after "I understand", and keeps it when deleting fails', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    $<HTMLButtonElement>(el, 'header [aria-haspopup="menu"]')!.click();
    await el.updateComplete;
    $$<HTMLButtonElement>(el, 'header [role="menuitem"]')
      .find((b) => b.textContent!.trim() === 'Delete chat')!
      .click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'dialog open');
    const del = [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Delete')!;
    expect(del.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await el.updateComplete;
    expect(del.disabled).to.equal(false);
    rig.backend.setOffline(true);
    del.click();
    await until(() => dialog.textContent!.includes('could not be deleted'), 'error shown');
    expect(rig.client.getState().conversations.some((x) => x.id === c.id)).to.equal(true);
    rig.backend.setOffline(false);
    del.click();
    await until(() => !rig.client.getState().conversations.some((x) => x.id === c.id), 'chat deleted');
  });

  it('says so when marking the chat unread fails, and tells the host', async () => {
    const rig = await createRig();
    const c = rig.client
      .getState()
      .conversations.find((x) => x.unreadCount === 0 && x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    const errors: SmsErrorEvent[] = [];
    el.addEventListener('sms-error', (e) => errors.push(e));
    rig.backend.setOffline(true);
    $<HTMLButtonElement>(el, 'button[title="Mark conversation unread"]')!.click();
    const alert = await until(
      () =>
        $$<HTMLElement>(el, '[role="alert"]').find((a) =>
          a.textContent!.includes('could not be marked unread'),
        ),
      'failure shown',
    );
    expect(alert.textContent!.trim()).to.equal('The chat could not be marked unread. Try again.');
    expect(rig.client.getState().conversations.find((x) => x.id === c.id)!.unreadCount).to.equal(0);
    // The client put the transport failure on its own error event: the thread does not repeat it.
    expect(errors).to.have.length(0);
    rig.backend.setOffline(false);
    $<HTMLButtonElement>(el, 'button[title="Mark conversation unread"]')!.click();
    await until(
      () => !$$(el, '[role="alert"]').some((a) => a.textContent!.includes('marked unread')),
      'failure cleared',
    );
    await until(
      () => rig.client.getState().conversations.find((x) => x.id === c.id)!.unreadCount === 1,
      'unread again',
    );
  });

  it('marks a read chat unread with the flag button', async () => {
    const rig = await createRig();
    const c = rig.client
      .getState()
      .conversations.find((x) => x.unreadCount === 0 && x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    const flag = $<HTMLButtonElement>(el, 'button[title="Mark conversation unread"]')!;
    expect(flag.getAttribute('aria-label')).to.equal('Mark conversation unread');
    flag.click();
    await until(
      () => rig.client.getState().conversations.find((x) => x.id === c.id)!.unreadCount === 1,
      'unread again',
    );
  });

  it('lists participants on focus, each with "Message" that opens a one-to-one chat', async () => {
    const rig = await createRig();
    const group = rig.client.getState().conversations.find((x) => x.participants.length > 1)!;
    const el = await renderThread(rig, group.id);
    $<HTMLButtonElement>(el, '.names')!.focus();
    await nextFrame();
    const popover = $<HTMLElement>(el, '.popover')!;
    expect(getComputedStyle(popover).display).to.equal('block');
    const buttons = [...popover.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.length).to.equal(group.participants.length);
    await expect(el).to.be.accessible();
    setTimeout(() => buttons[0]!.click());
    const event = await oneEvent(el, 'sms-message-participant');
    expect(event.detail.number).to.equal(group.participants[0]);
    await until(() => {
      const id = rig.client.getState().selectedConversationId;
      const conv = rig.client.getState().conversations.find((x) => x.id === id);
      return conv && conv.participants.length === 1 && conv.participants[0] === group.participants[0];
    }, 'one-to-one chat selected');
  });

  it('renders hostile text as text and links only safe URLs', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    (window as unknown as { __pwned?: () => void }).__pwned = () => {
      throw new Error('script ran');
    };
    const hostile =
      '<img src=x onerror=__pwned()> javascript:__pwned() https://ok.example/path data:text/html,<script>__pwned()</script>';
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: hostile,
    });
    await until(() => el.shadowRoot!.textContent!.includes('<img src=x onerror=__pwned()>'), 'shown as text');
    const anchors = $$<HTMLAnchorElement>(el, '.bubble a');
    expect(anchors.map((a) => a.href)).to.include('https://ok.example/path');
    for (const a of anchors) {
      expect(a.protocol).to.match(/^(https?|mailto|tel):$/);
      expect(a.rel).to.equal('noopener noreferrer');
      expect(a.target).to.equal('_blank');
    }
    expect($$(el, '.bubble img')).to.deep.equal([]);
  });

  it('shows an image whose size is a pixel bomb as a card, never decoding it inline', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const el = await renderThread(rig, c.id);
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: '',
      attachments: [
        {
          id: 'bomb',
          name: 'huge.png',
          type: 'image/png',
          size: 4000,
          url: 'https://example.com/huge.png',
          width: 100_000,
          height: 100_000,
        },
      ],
    });
    const card = await until(
      () => $$<HTMLElement>(el, '[part="attachment"]').find((b) => b.textContent!.includes('huge.png')),
      'attachment shown',
    );
    expect(card.classList.contains('card')).to.equal(true);
    expect(card.querySelector('img')).to.equal(null);
  });

  it('opens an attachment with sms-media-open', async () => {
    const rig = await createRig();
    let found: { conversation: string } | null = null;
    for (const c of rig.client.getState().conversations) {
      await rig.client.openConversation(c.id);
      if (rig.client.getState().threads[c.id]!.messages.some((m) => m.attachments.length)) {
        found = { conversation: c.id };
        break;
      }
    }
    const el = await renderThread(rig, found!.conversation);
    const attachments = await until(() => {
      const found = $$<HTMLButtonElement>(el, '[part="attachment"]');
      if (found.length) return found;
      scroller(el).scrollTop -= 200; // the attachment may be higher up
      scroller(el).dispatchEvent(new WheelEvent('wheel'));
      return null;
    }, 'attachments');
    setTimeout(() => attachments.at(-1)!.click());
    const event = await oneEvent(el, 'sms-media-open');
    expect(event.detail.conversationId).to.equal(found!.conversation);
    expect(event.cancelable && event.composed).to.equal(true);
  });

  it('by participants while offline: says the chat could not be opened, tells the host, and Retry opens it once back', async () => {
    const rig = await createRig();
    rig.backend.setOffline(true);
    const errors: SmsErrorEvent[] = [];
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        participants="+13125550177"
        style="height: 480px; width: 320px; display: flex"
        @sms-error=${(e: SmsErrorEvent) => errors.push(e)}
      ></sms-thread>`,
    );
    const alert = await until(
      () => el.shadowRoot!.querySelector('.empty[role="alert"]'),
      'the failure shown',
    );
    expect(alert.textContent).to.contain('That chat could not be opened. Try again.');
    expect(errors.map((e) => e.detail.operation)).to.include('resolveConversation');
    await expect(el).to.be.accessible();
    rig.backend.setOffline(false);
    const retry = [...alert.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry')!;
    const box = retry.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await until(() => !el.shadowRoot!.querySelector('.empty[role="alert"]'), 'the failure gone');
    await until(() => el.shadowRoot!.textContent!.includes('No messages yet'), 'the new chat shown');
    expect(el.shadowRoot!.textContent).not.to.contain('could not be opened');
  });

  it('works alone in a 320 px sidebar, by participants, without horizontal scroll', async () => {
    const rig = await createRig();
    const c = rig.client
      .getState()
      .conversations.find((x) => x.participants.length === 1 && x.ownNumber === '+12025550199')!;
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        participants=${c.participants[0]!}
        from=${c.ownNumber}
        style="height: 480px; width: 320px; display: flex"
      ></sms-thread>`,
    );
    await until(() => $$(el, '[part="bubble"]').length > 0, 'messages of that conversation');
    await settle();
    expect(scroller(el).scrollWidth).to.be.at.most(scroller(el).clientWidth + 1);
    expect($$(el, '.day').length, 'day separators').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
