import { expect, fixture, html } from '@open-wc/testing';
import type { SmsComposer } from '../../src/components/composer/composer.js';
import type { SmsThread } from '../../src/components/thread/thread.js';
import { cleanupRigs, createRig } from '../helpers/fixture.js';
import type { Rig } from '../helpers/fixture.js';
import { nextFrame, until } from '../helpers/wait.js';

const $ = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Every element in one wrapper whose `lang`, `dir` and `theme` the tests change. */
async function renderAll(rig: Rig, lang = 'en', dir = 'ltr') {
  const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
  rig.client.selectConversation(c.id);
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang} dir=${dir}>
      <sms-provider .client=${rig.client}>
        <sms-conversation-list style="display: flex; height: 300px; width: 360px"></sms-conversation-list>
        <sms-new-conversation></sms-new-conversation>
        <sms-thread conversation-id=${c.id} style="display: flex; height: 400px; width: 420px"></sms-thread>
        <sms-composer conversation-id=${c.id} style="width: 420px"></sms-composer>
        <sms-messages style="display: block; height: 500px; width: 900px"></sms-messages>
      </sms-provider>
    </div>`,
  );
  const get = <T extends Element>(tag: string) => wrapper.querySelector<T>(tag)!;
  const thread = get<SmsThread>('sms-thread');
  await until(() => $(thread, '[part="bubble"]'), 'thread rendered');
  await until(
    () => get('sms-conversation-list').shadowRoot!.querySelector('[role="option"]'),
    'list rendered',
  );
  return { wrapper, get, conversation: c };
}

describe('languages and looks', () => {
  afterEach(cleanupRigs);

  it('renders every element in English and in Spanish, and switches at runtime without a reload', async () => {
    const rig = await createRig();
    const { wrapper, get } = await renderAll(rig, 'en');
    const composer = get<SmsComposer>('sms-composer');
    expect($<HTMLTextAreaElement>(composer, 'textarea')!.placeholder).to.equal('Type your message');
    expect(text(get('sms-messages'))).to.contain('Send New Message');
    expect(
      $(get('sms-new-conversation'), 'input')!.getAttribute('aria-label') ??
        text(get('sms-new-conversation')),
    ).to.match(/To/);
    const thread = get('sms-thread');
    const englishLog = $(thread, '[role="log"]')!.getAttribute('aria-label');

    wrapper.setAttribute('lang', 'es');
    await until(
      () => $<HTMLTextAreaElement>(composer, 'textarea')!.placeholder === 'Escribe tu mensaje',
      'composer in Spanish',
    );
    expect($(get('sms-composer'), '[part="send-button"]')!.getAttribute('aria-label')).to.equal(
      'Enviar mensaje',
    );
    await until(
      () =>
        text(get('sms-messages')).includes('Enviar nuevo mensaje') ||
        text(get('sms-messages')).includes('Nuevo mensaje'),
      'app in Spanish',
    );
    expect($(thread, '[role="log"]')!.getAttribute('aria-label')).not.to.equal(englishLog);
    expect(text(get('sms-conversation-list'))).not.to.contain('minutes ago');
  });

  it('mirrors for right-to-left: own bubbles, the send button and the attach button swap sides', async () => {
    const rig = await createRig();
    const c = rig.client.getState().conversations.find((x) => x.participants.length === 1)!;
    await rig.client.send({ conversationId: c.id, text: 'mine' });
    const { wrapper, get } = await renderAll(rig);
    const positions = async (dir: string) => {
      wrapper.setAttribute('dir', dir);
      const thread = get('sms-thread');
      const composer = get('sms-composer');
      const own = await until(
        () => [...thread.shadowRoot!.querySelectorAll<HTMLElement>('.own [part="bubble"]')].at(-1),
        'own bubble',
      );
      for (let i = 0; i < 10; i++) await nextFrame();
      const box = thread.getBoundingClientRect();
      const bubble = own.getBoundingClientRect();
      const send = $(composer, '[part="send-button"]')!.getBoundingClientRect();
      const attach = $(composer, '[part="attach-button"]')!.getBoundingClientRect();
      return {
        ownOnRight: bubble.right > box.left + box.width / 2,
        sendRightOfAttach: send.left > attach.left,
      };
    };
    expect(await positions('ltr')).to.deep.equal({ ownOnRight: true, sendRightOfAttach: true });
    expect(await positions('rtl')).to.deep.equal({ ownOnRight: false, sendRightOfAttach: false });
  });

  it('switches between light and dark at runtime without remounting, and passes axe in both', async () => {
    const rig = await createRig();
    const { get } = await renderAll(rig);
    const composer = get<SmsComposer>('sms-composer');
    const field = $<HTMLTextAreaElement>(composer, 'textarea')!;
    composer.setAttribute('theme', 'light');
    await nextFrame();
    const light = getComputedStyle(field).backgroundColor;
    await expect(composer).to.be.accessible();
    composer.setAttribute('theme', 'dark');
    await nextFrame();
    const dark = getComputedStyle(field).backgroundColor;
    expect(dark).not.to.equal(light);
    expect($<HTMLTextAreaElement>(composer, 'textarea'), 'same field, not remounted').to.equal(field);
    await expect(composer).to.be.accessible();
    const thread = get('sms-thread');
    thread.setAttribute('theme', 'dark');
    await nextFrame();
    await expect(thread).to.be.accessible();
    // A theme on the app reaches the elements inside it.
    const app = get('sms-messages');
    const list = await until(() => app.shadowRoot!.querySelector('sms-conversation-list'), 'inner list');
    const inner = () => getComputedStyle(list.shadowRoot!.querySelector('.scroller') ?? list).colorScheme;
    app.setAttribute('theme', 'light');
    await nextFrame();
    expect(inner()).to.equal('light');
    app.setAttribute('theme', 'dark');
    await nextFrame();
    expect(inner()).to.equal('dark');
  });

  it('takes the global design tokens from the host page', async () => {
    const rig = await createRig();
    const { wrapper, get } = await renderAll(rig);
    wrapper.style.setProperty('--sms-color-accent', 'rgb(200, 0, 100)');
    wrapper.style.setProperty('--sms-font-size', '16px');
    const composer = get('sms-composer');
    const field = $<HTMLTextAreaElement>(composer, 'textarea')!;
    field.value = 'hi';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await (composer as SmsComposer).updateComplete;
    expect(getComputedStyle($(composer, '[part="send-button"]')!).color).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(field).fontSize).to.equal('16px');
  });

  it('is not broken by a hostile host stylesheet', async () => {
    const rig = await createRig();
    const style = document.createElement('style');
    style.textContent = `
      * { box-sizing: content-box !important; font-size: 10px; line-height: 1; font-family: serif; letter-spacing: 3px; text-transform: uppercase; }
      button, input, textarea { all: unset; }
      div { padding: 40px; }
    `;
    document.head.append(style);
    try {
      const { get } = await renderAll(rig);
      const composer = get('sms-composer');
      const field = $<HTMLTextAreaElement>(composer, 'textarea')!;
      expect(getComputedStyle(field).fontSize).to.equal('14px');
      expect(getComputedStyle(field).textTransform).to.equal('none');
      const send = $(composer, '[part="send-button"]')!.getBoundingClientRect();
      expect([Math.round(send.width), Math.round(send.height)]).to.deep.equal([40, 40]);
      const bubble = $(get('sms-thread'), '[part="bubble"]')!;
      expect(getComputedStyle(bubble).fontSize).to.equal('14px');
      expect(getComputedStyle(bubble).letterSpacing).to.equal('normal');
      await expect(composer).to.be.accessible();
    } finally {
      style.remove();
    }
  });
});
