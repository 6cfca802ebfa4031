/** Scenario 9: jump to a message 90,000 back; baseline: opening the same thread at its newest. */
import { html } from 'lit';
import type { SmsThread } from '../../src/components/thread/thread.js';
import { createRig, frame, frames, mount, stage, until } from './util.js';

export type JumpSubject = 'jump' | 'newest';

const HEIGHT = 600;

/**
 * A fresh client over a 100,000-message thread (the backend has made the messages and answered
 * once before the clock starts, for both subjects). `newest`: time from inserting `<sms-thread>`
 * to the first frame with the newest message fully in view at the end. `jump`: time from inserting
 * it and calling `openConversation({ conversationId, messageId })` for the message `back`
 * messages before the newest, to the first frame where that message is painted (the log visible)
 * in the middle of the view (its centre within a quarter of the view's height of the middle) and
 * highlighted. Each with the memory backend's latency `latencyMs` (the same for both).
 */
export async function jump(subject: JumpSubject, n: number, back: number, latencyMs: number) {
  const rig = await createRig({ conversations: 4, hugeThread: n, latencyMs });
  const id = rig.client.getState().conversations[0]!.id;
  // The demo backend makes a huge thread on its first read: not part of what is measured.
  await rig.backend.connect(rig.accountId).listMessages({ conversationId: id, limit: 1 });
  const targetId = `${id}-m${n - 1 - back}`;
  const newestId = `${id}-m${n - 1}`;
  await frames(5);
  const t0 = performance.now();
  mount(
    html`<sms-provider .client=${rig.client}
      ><sms-thread conversation-id=${id} style="height: ${HEIGHT}px; width: 420px; display: flex"></sms-thread
    ></sms-provider>`,
  );
  const el = stage().querySelector<SmsThread>('sms-thread')!;
  if (subject === 'jump') void rig.client.openConversation({ conversationId: id, messageId: targetId });
  const row = (key: string) => el.shadowRoot?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  const done = (): boolean => {
    const scroller = el.shadowRoot?.querySelector<HTMLElement>('.scroller');
    const log = el.shadowRoot?.querySelector<HTMLElement>('sms-virtualizer');
    if (!scroller || !log || getComputedStyle(log).visibility === 'hidden') return false;
    const view = scroller.getBoundingClientRect();
    if (subject === 'newest') {
      const r = row(newestId);
      const atEnd = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop <= 1;
      if (!r || r.offsetHeight === 0) return false;
      const box = r.getBoundingClientRect();
      return box.bottom <= view.bottom + 1 && box.top >= view.top - 1 && atEnd;
    }
    const r = row(targetId);
    if (!r || r.offsetHeight === 0 || !r.classList.contains('highlight')) return false;
    const box = r.getBoundingClientRect();
    const middle = view.top + view.height / 2;
    return Math.abs(box.top + box.height / 2 - middle) <= view.height / 4;
  };
  let time = NaN;
  const end = t0 + 10_000;
  for (;;) {
    const t = await frame();
    if (done()) {
      time = performance.now() - t0;
      break;
    }
    if (t > end) break;
  }
  await until(() => rig.client.getState().threads[id]?.status === 'ready', 'thread ready');
  const t = rig.client.getState().threads[id]!;
  const loaded = (t.jump?.messages.length ?? 0) + t.messages.length;
  rig.client.destroy();
  return { time, reached: !Number.isNaN(time), loaded };
}
