import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { SmsComposer } from '../../../src/components/composer/composer.js';
import type { SmsThread } from '../../../src/components/thread/thread.js';
import { cleanupRigs, createRig } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';
import { centre } from '../../helpers/pointer.js';

/**
 * Issue 21, "click send → echo painted": the echo of a sent message is rendered in the click's
 * own task, so the first frame after the click paints it (before, the thread rendered it from an
 * animation-frame callback of that frame, adding its work to the frame).
 */
describe('sms-composer: the echo of a send', () => {
  afterEach(async () => {
    cleanupRigs();
    await resetMouse();
  });

  it('is in the thread when the first frame after the click begins', async () => {
    const rig = await createRig();
    const conversation = rig.client.getState().conversations[0]!;
    await rig.client.openConversation(conversation.id);
    const provider = await fixture<HTMLElement>(
      html`<sms-provider .client=${rig.client}
        ><sms-thread
          conversation-id=${conversation.id}
          style="display: flex; height: 400px; width: 400px"
        ></sms-thread
        ><sms-composer conversation-id=${conversation.id} style="width: 400px"></sms-composer
      ></sms-provider>`,
    );
    const thread = provider.querySelector<SmsThread>('sms-thread')!;
    const composer = provider.querySelector<SmsComposer>('sms-composer')!;
    await until(() => thread.shadowRoot?.querySelector('[part="bubble"]'), 'the thread shows its messages');
    const field = await until(() => composer.shadowRoot?.querySelector('textarea'), 'the composer field');
    const button = composer.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!;
    const text = 'Echo in the same frame';
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => !button.disabled, 'Send enabled');

    const shown = () =>
      [...thread.shadowRoot!.querySelectorAll('[part="bubble"]')].some((b) => b.textContent?.trim() === text);
    // An animation-frame callback asked for before the click runs first in the frame after it,
    // before any callback the click's task asked for: it sees what that task rendered.
    let clicked = false;
    let seen: boolean | undefined;
    button.addEventListener('click', () => (clicked = true), { capture: true, once: true });
    const watch = () => {
      if (clicked) seen = shown();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    await sendMouse({ type: 'click', position: centre(button) });
    await until(() => seen !== undefined, 'a frame after the click');
    expect(seen, 'echo rendered before the first frame after the click').to.equal(true);
    await until(shown, 'the echo');
  });
});
