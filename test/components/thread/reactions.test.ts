import { expect, html } from '@open-wc/testing';
import type { SmsConversationList } from '../../../src/components/conversation-list/conversation-list.js';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import type { Rig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const $$ = <T extends Element>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

/** The rows the person sees: each message's text, and its reactions as they are read out. */
function rows(el: SmsThread): { text: string; reactions: string[] }[] {
  return $$<HTMLElement>(el, '[data-key]')
    .filter((r) => !r.dataset['key']!.startsWith('day:'))
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((r) => ({
      text: r.querySelector('[part="bubble"]')?.textContent?.trim() ?? '',
      reactions: [...r.querySelectorAll<HTMLElement>('[part="reaction"]')].map((c) =>
        c.textContent!.replace(/\s+/g, ' ').trim(),
      ),
    }));
}

async function chatWith(rig: Rig, texts: readonly (readonly ['me' | 'them', string])[]) {
  const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
  for (const [who, text] of texts) {
    if (who === 'them')
      await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: c.id,
        from: c.participants[0]!,
        text,
      });
    else {
      await rig.client.openConversation(c.id);
      const echo = await rig.client.send({ conversationId: c.id, text });
      await until(
        () =>
          rig.client
            .getState()
            .threads[c.id]!.messages.some((m) => m.clientId === echo.clientId && m.id !== echo.id),
        'acknowledged',
      );
    }
  }
  return c;
}

describe('reactions sent as texts', () => {
  afterEach(cleanupRigs);

  it('draws a tapback on the message it quotes instead of a bubble; the original text stays readable', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [1, 1] });
    const c = await chatWith(rig, [
      ['me', 'See you at 9'],
      ['them', 'Liked “See you at 9”'],
      ['them', 'Le encantó “See you at 9”'],
      ['them', 'Laughed at “something from last year”'],
    ]);
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => rows(el).some((r) => r.text === 'See you at 9'), 'thread rendered');
    const name = c.names?.[c.participants[0]!] ?? '';
    await until(
      () => rows(el).find((r) => r.text === 'See you at 9')!.reactions.length === 1,
      'reaction drawn',
    );
    const shown = rows(el);
    const target = shown.find((r) => r.text === 'See you at 9')!;
    // One person, one reaction: the newer tapback replaced the first.
    expect(target.reactions).to.have.length(1);
    expect(target.reactions[0]).to.contain('❤️');
    expect(target.reactions[0]).to.contain('Le encantó “See you at 9”');
    if (name) expect(target.reactions[0]).to.contain(name);
    // The reaction texts are not bubbles; one whose message is not loaded stays a bubble.
    const texts = shown.map((r) => r.text);
    expect(texts).to.not.include('Liked “See you at 9”');
    expect(texts).to.not.include('Le encantó “See you at 9”');
    expect(texts).to.include('Laughed at “something from last year”');
    const chip = $$<HTMLElement>(el, '[part="reaction"]')[0]!;
    expect(chip.title).to.contain('Le encantó “See you at 9”');
    await expect(el).to.be.accessible();
  });

  it('draws "Loved an image" on the newest photo, and takes a removed reaction away', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [1, 1] });
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    const from = c.participants[0]!;
    await rig.backend.receive({ accountId: rig.accountId, conversationId: c.id, from, media: ['photo'] });
    await rig.backend.receive({ accountId: rig.accountId, conversationId: c.id, from, text: 'Got it' });
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from,
      text: 'Loved an image',
    });
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from,
      text: 'Emphasized “Got it”',
    });
    const el = await renderWithClient<SmsThread>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => $$(el, '[part="reaction"]').length === 2, 'two reactions drawn');
    expect(rows(el).find((r) => r.text === 'Got it')!.reactions[0]).to.contain('‼️');
    await rig.backend.receive({
      accountId: rig.accountId,
      conversationId: c.id,
      from,
      text: 'Removed an exclamation from “Got it”',
    });
    await until(() => $$(el, '[part="reaction"]').length === 1, 'the removed reaction is gone');
    expect(rows(el).map((r) => r.text)).to.not.include('Removed an exclamation from “Got it”');
  });

  it('reads sensibly in the list preview, in English and Spanish', async () => {
    const rig = await createRig({ conversations: 3, messagesPerConversation: [1, 1] });
    const c = await chatWith(rig, [
      ['me', 'See you at 9'],
      ['them', 'Liked “See you at 9”'],
    ]);
    const list = await renderWithClient<SmsConversationList>(
      rig,
      html`<sms-conversation-list
        style="height: 480px; width: 360px; display: flex"
      ></sms-conversation-list>`,
    );
    const preview = () =>
      $$<HTMLElement>(list, '[part="preview"]')
        .map((p) => p.textContent!.trim())
        .find((t) => t.includes('See you at 9'));
    await until(() => preview()?.includes('Reacted 👍 to “See you at 9”'), 'English preview');
    list.closest('sms-provider')!.setAttribute('lang', 'es');
    await until(() => preview()?.includes('Reaccionó 👍 a “See you at 9”'), 'Spanish preview');
    expect(c.id).to.be.a('string');
  });
});
