import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { centre } from '../../helpers/pointer.js';
import { nextFrame, until } from '../../helpers/wait.js';
import { sendWheel } from '../../helpers/wheel.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const scroller = (el: SmsThread) => $<HTMLElement>(el, '.scroller')!;
const row = (el: SmsThread, key: string) => $<HTMLElement>(el, `[data-key="${CSS.escape(key)}"]`);
const fromBottom = (s: HTMLElement) => s.scrollHeight - s.clientHeight - s.scrollTop;
const settle = async () => {
  for (let i = 0; i < 40; i++) await nextFrame();
};

/** The thread 600 px tall, opened at its newest. */
async function renderThread(rig: Rig, conversationId: string): Promise<SmsThread> {
  const el = await renderWithClient<SmsThread>(
    rig,
    html`<sms-thread
      conversation-id=${conversationId}
      style="height: 600px; width: 420px; display: flex"
    ></sms-thread>`,
  );
  await until(() => $$(el, '[part="bubble"]').length > 0, 'thread rendered');
  await settle();
  return el;
}

/** The message rows fully in the view, top to bottom. */
function inView(el: SmsThread): HTMLElement[] {
  const box = scroller(el).getBoundingClientRect();
  return $$<HTMLElement>(el, '.item[data-key]:not([data-key^="day:"])').filter((r) => {
    const b = r.getBoundingClientRect();
    return b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
  });
}

/** Deletes the message of `item` as a person does: the pointer on it, ⋯, Delete, Yes. */
async function deleteByPointer(el: SmsThread, item: HTMLElement): Promise<void> {
  const key = item.dataset['key']!;
  await sendMouse({ type: 'move', position: centre(item.querySelector('[part="bubble"]')!) });
  const more = await until(() => item.querySelector<HTMLButtonElement>('.more'), 'More actions');
  await sendMouse({ type: 'click', position: centre(more) });
  const del = await until(() => $<HTMLButtonElement>(el, '[role="menuitem"]'), 'menu open');
  await sendMouse({ type: 'click', position: centre(del) });
  const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'confirmation open');
  const yes = [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Yes')!;
  await sendMouse({ type: 'click', position: centre(yes) });
  await until(() => !row(el, key), 'row gone');
}

/** Deletes the message of `item` with the keyboard: Enter on its ⋯, Tab, Enter on Delete, Enter on Yes. */
async function deleteByKeys(el: SmsThread, item: HTMLElement): Promise<void> {
  const key = item.dataset['key']!;
  item.querySelector<HTMLButtonElement>('.more')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => $<HTMLButtonElement>(el, '[role="menuitem"]'), 'menu open');
  await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement?.getAttribute('role'), 'Tab reaches Delete').to.equal('menuitem');
  await sendKeys({ press: 'Enter' });
  const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'confirmation open');
  [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Yes')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => !row(el, key), 'row gone');
}

/** The newest message is drawn at the end of the view, and the view is at the end. */
async function expectAtNewest(rig: Rig, el: SmsThread, id: string, why: string): Promise<void> {
  const s = scroller(el);
  const newest = rig.client.getState().threads[id]!.messages.at(-1)!;
  const key = newest.clientId ?? newest.id;
  const last = row(el, key);
  const box = s.getBoundingClientRect();
  expect(last, `${why}: the newest message is rendered`).to.not.equal(null);
  const b = last!.getBoundingClientRect();
  expect(
    b.bottom <= box.bottom + 1 && b.top >= box.top - 1,
    `${why}: the newest message is in view (row ${b.top}–${b.bottom}, view ${box.top}–${box.bottom}, scrollTop ${s.scrollTop} of ${s.scrollHeight})`,
  ).to.equal(true);
  expect(fromBottom(s), `${why}: the view is at the end`).to.be.below(2);
}

describe('<sms-thread> deleting a message', () => {
  afterEach(async () => {
    cleanupRigs();
    await resetMouse();
  });

  it('stays at the newest when the newest message is deleted, inbound or own', async () => {
    const rig = await createRig({ hugeThread: 60, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const own = await rig.client.send({ conversationId: c.id, text: 'own newest' });
    await until(() => row(el, own.clientId!), 'own message shown');
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from: c.participants[0]!,
      text: 'inbound newest',
    });
    const inbound = await until(
      () => rig.client.getState().threads[c.id]!.messages.find((m) => m.text === 'inbound newest'),
      'inbound received',
    );
    await until(() => row(el, inbound.id), 'inbound shown');
    await settle();
    await expectAtNewest(rig, el, c.id, 'before');
    await deleteByPointer(el, row(el, inbound.id)!);
    await settle();
    await expectAtNewest(rig, el, c.id, 'after deleting the inbound newest');
    await until(
      () => rig.client.getState().threads[c.id]!.messages.at(-1)?.status === 'delivered',
      'own message delivered',
    );
    await deleteByPointer(el, row(el, own.clientId!)!);
    await settle();
    await expectAtNewest(rig, el, c.id, 'after deleting the own newest');
  });

  it('stays at the newest when a message above it is deleted', async () => {
    const rig = await createRig({ hugeThread: 60, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    await expectAtNewest(rig, el, c.id, 'before');
    const rows = inView(el);
    expect(rows.length, 'several messages in view').to.be.above(3);
    await deleteByKeys(el, rows[1]!);
    await settle();
    await expectAtNewest(rig, el, c.id, 'after deleting a message in the middle with the keyboard');
    await deleteByPointer(el, inView(el)[1]!);
    await settle();
    await expectAtNewest(rig, el, c.id, 'after deleting a message in the middle with the pointer');
  });

  it('keeps the message being read in place when a message below it is deleted, scrolled up', async () => {
    const rig = await createRig({ hugeThread: 60, conversations: 4 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderThread(rig, c.id);
    const s = scroller(el);
    for (let i = 0; i < 3; i++) await sendWheel(s, { deltaY: -300 });
    await settle();
    expect(fromBottom(s), 'scrolled up').to.be.above(600);
    const rows = inView(el);
    expect(rows.length, 'several messages in view').to.be.above(3);
    const read = rows[0]!;
    const key = read.dataset['key']!;
    const offset = () => row(el, key)!.getBoundingClientRect().top - s.getBoundingClientRect().top;
    const before = offset();
    await deleteByPointer(el, rows.at(-2)!);
    for (let i = 0; i < 40; i++) {
      expect(row(el, key), 'the message being read stays rendered').to.not.equal(null);
      expect(Math.abs(offset() - before), `the message being read stays put (frame ${i})`).to.be.below(1);
      await nextFrame();
    }
  });
});
