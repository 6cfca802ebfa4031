/** Scenario 5: a conversation list of 10,000; baseline: a bare virtualizer with plain rows. */
import { html } from 'lit';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { Conversation } from '../../src/model/conversation.js';
import {
  afterPaint,
  createRig,
  frame,
  frames,
  loadAllConversations,
  mount,
  recordFrames,
  stage,
  until,
} from './util.js';

export async function list(subject: 'ours' | 'virtualizer', n: number) {
  const rig = await createRig({ conversations: n }, { pageSize: { conversations: 100 } });
  await loadAllConversations(rig);
  const count = rig.client.getState().conversations.length;
  await frames(5);
  const t0 = performance.now();
  let scroller: HTMLElement;
  let rows: () => HTMLElement[];
  let setItems: (items: readonly Conversation[]) => void = () => undefined;
  if (subject === 'ours') {
    mount(
      html`<sms-provider .client=${rig.client}
        ><sms-conversation-list style="height: 600px; width: 360px; display: flex"></sms-conversation-list
      ></sms-provider>`,
    );
    const el = stage().querySelector('sms-conversation-list')!;
    rows = () => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part="row"]') ?? [])];
    await until(() => rows().length > 0, 'list rows');
    scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  } else {
    const render = (items: readonly Conversation[]) =>
      mount(
        html`<lit-virtualizer
          scroller
          class="b-scroller"
          style="width: 360px"
          .items=${items}
          .keyFunction=${(c: unknown) => (c as Conversation).id}
          .renderItem=${(c: unknown) => {
            const conv = c as Conversation;
            return html`<div class="b-conv" id=${`b-${conv.id}`}>
              <span>${conv.participants.length}</span
              ><span>${conv.title ?? conv.participants.join(', ')}</span>
              <time>${new Date(conv.updatedAt).toLocaleTimeString()}</time>
            </div>`;
          }}
        ></lit-virtualizer>`,
      );
    render(rig.client.getState().conversations);
    setItems = render;
    const v = stage().querySelector<LitVirtualizer>('lit-virtualizer')!;
    rows = () => [...v.querySelectorAll<HTMLElement>('.b-conv')];
    await until(() => rows().length > 0, 'list rows');
    scroller = v;
  }
  await frame();
  const firstRender = performance.now() - t0;
  await frames(20);

  // Scroll: a fling down at 4,000 px/s for 3 s.
  const rec = recordFrames();
  const start = performance.now();
  let prev = start;
  for (;;) {
    const t = await frame();
    if (t - start >= 3000) break;
    scroller.scrollTop += (4000 * (t - prev)) / 1000;
    prev = t;
  }
  const scrollStats = rec.stop();

  // Mid-list: a chat further down gets a message and moves to the top.
  const rowHeight = rows()[0]!.getBoundingClientRect().height;
  scroller.scrollTop = Math.floor(count / 2) * rowHeight;
  await frames(20);
  const top = scroller.getBoundingClientRect().top;
  const visible = rows()
    .filter((r) => r.getBoundingClientRect().bottom > top + 1)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  const reading = visible[0]!;
  const readingId = reading.id;
  const readingTop = reading.getBoundingClientRect().top;
  const conversations = rig.client.getState().conversations;
  const readingIndex = Math.floor(count / 2);
  const mover = conversations[Math.min(count - 1, readingIndex + 300)]!;
  const find = () => rows().find((r) => r.id === readingId) ?? null;
  if (subject === 'ours') {
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: mover.id,
      from: mover.participants[0]!,
      text: 'moves to the top',
    });
  } else {
    setItems([mover, ...conversations.filter((c) => c !== mover)]);
  }
  let worst = 0;
  for (let i = 0; i < 20; i++) {
    await afterPaint();
    const row = find();
    worst = Math.max(worst, row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999);
  }
  const moved = subject === 'ours' ? rig.client.getState().conversations[0]!.id === mover.id : true;
  rig.client.destroy();
  rig.backend.dispose();
  return {
    count,
    firstRender,
    scrollP95: scrollStats.p95,
    scrollMax: scrollStats.max,
    over50: scrollStats.over50,
    moveShift: worst,
    moved,
  };
}
