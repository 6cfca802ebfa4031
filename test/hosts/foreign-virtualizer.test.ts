// A host page that defined `<lit-virtualizer>` itself (its own @lit-labs/virtualizer copy, or
// any other element under that name) before sms-elements loads: our elements still register,
// and the list and the thread still render their rows (issue 22, defect 1).
import { expect, html } from '@open-wc/testing';
import { until } from '../helpers/wait.js';

/** Not a virtualizer at all: if our templates used this tag, no row would ever render. */
class HostsOwnVirtualizer extends HTMLElement {}
customElements.define('lit-virtualizer', HostsOwnVirtualizer);

const { cleanupRigs, createRig, renderWithClient } = await import('../helpers/fixture.js');

const shadow = (el: Element) => el.shadowRoot!;

describe('a host that owns <lit-virtualizer>', () => {
  afterEach(cleanupRigs);

  it('still registers every sms-* tag', () => {
    for (const tag of [
      'sms-provider',
      'sms-messages',
      'sms-conversation-list',
      'sms-thread',
      'sms-composer',
      'sms-media-viewer',
      'sms-new-conversation',
    ])
      expect(customElements.get(tag), tag).to.be.a('function');
    expect(customElements.get('lit-virtualizer')).to.equal(HostsOwnVirtualizer);
  });

  it('renders the conversation list rows', async () => {
    const rig = await createRig({ conversations: 5 });
    const el = await renderWithClient<HTMLElement>(
      rig,
      html`<sms-conversation-list
        style="height: 480px; width: 360px; display: flex"
      ></sms-conversation-list>`,
    );
    await until(() => shadow(el).querySelectorAll('[role="option"]').length > 0, 'rows rendered');
  });

  it('renders the thread messages', async () => {
    const rig = await createRig({ conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    const el = await renderWithClient<HTMLElement>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => shadow(el).querySelectorAll('[part="bubble"]').length > 0, 'bubbles rendered');
  });
});
