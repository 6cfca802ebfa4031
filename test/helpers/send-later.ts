import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import type { Transport } from '../../src/transport/transport.js';
import type { Rig } from './fixture.js';

// The rig of the "Send later" tests (send-later.test.ts, send-later-checks.test.ts): reading the
// shadow DOM as a person reads it, real clicks, the parts of <sms-send-later> inside a composer,
// the date field set as its picker sets it, and a client whose transport cannot schedule.

export const shadow = <T extends Element>(el: Element | null | undefined, sel: string) =>
  (el?.shadowRoot?.querySelector<T>(sel) ?? null) as T | null;

/** The text of `el` as a person reads it (white space folded). */
export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A real click in the middle of `e` (or `x` px from its start), scrolled into view first. */
export async function click(e: Element, x?: number): Promise<void> {
  e.scrollIntoView({ block: 'center' });
  const r = e.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [
      Math.round(x === undefined ? r.left + r.width / 2 : r.left + x),
      Math.round(r.top + r.height / 2),
    ],
  });
}

/** Clicks into a field and types, with the keyboard. */
export async function typeInto(field: Element, message: string): Promise<void> {
  await click(field);
  await sendKeys({ type: message });
}

/** The "Send later" parts of a composer: the element, its button and its dialog (when open). */
export function sendLaterParts(composer: Element) {
  const sendLater = () =>
    shadow<HTMLElement & { updateComplete: Promise<unknown> }>(composer, 'sms-send-later');
  return {
    sendLater,
    trigger: () => shadow<HTMLButtonElement>(sendLater(), '[part="button"]'),
    dialog: () => shadow<HTMLDialogElement>(sendLater(), 'dialog'),
  };
}

/**
 * Sets the dialog's date field the way its picker does, with the input event it fires (Chromium's
 * date segments do not take synthetic key presses reliably headless).
 */
export function pickTime(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A started client of the rig's account over a transport without the scheduling capability; destroy it. */
export async function clientWithoutScheduling(rig: Rig): Promise<MessagesClient> {
  const inner = rig.backend.connect(rig.accountId);
  const plain: Transport = {
    getAccount: (o) => inner.getAccount(o),
    listConversations: (r) => inner.listConversations(r),
    getConversation: (r) => inner.getConversation(r),
    findConversation: (r) => inner.findConversation(r),
    listMessages: (r) => inner.listMessages(r),
    sendMessage: (r) => inner.sendMessage(r),
    uploadAttachment: (r) => inner.uploadAttachment(r),
    deleteMessage: (r) => inner.deleteMessage(r),
    deleteConversation: (r) => inner.deleteConversation(r),
    markRead: (r) => inner.markRead(r),
    markUnread: (r) => inner.markUnread(r),
    searchContacts: (r) => inner.searchContacts(r),
    subscribe: (l) => inner.subscribe(l),
  };
  const client = createMessagesClient({ transport: plain });
  await client.start();
  return client;
}
