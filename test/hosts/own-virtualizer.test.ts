// An app that uses @lit-labs/virtualizer itself (the same copy as ours, deduplicated by npm)
// and registers `<lit-virtualizer>` before sms-elements loads: both keep working (issue 22, defect 1).
import { expect, html, fixture } from '@open-wc/testing';
import '@lit-labs/virtualizer';
import { LitVirtualizer } from '@lit-labs/virtualizer';
import { until } from '../helpers/wait.js';

const { cleanupRigs, createRig, renderWithClient } = await import('../helpers/fixture.js');

const shadow = (el: Element) => el.shadowRoot!;

describe('an app with its own @lit-labs/virtualizer', () => {
  afterEach(cleanupRigs);

  it('keeps its <lit-virtualizer> and gets ours working too', async () => {
    expect(customElements.get('lit-virtualizer')).to.equal(LitVirtualizer);
    const own = await fixture<LitVirtualizer>(
      html`<lit-virtualizer
        style="height: 200px"
        scroller
        .items=${['one', 'two', 'three']}
        .renderItem=${(item: unknown) => html`<p class="own">${item}</p>`}
      ></lit-virtualizer>`,
    );
    await until(() => own.querySelectorAll('.own').length === 3, "the app's own rows");

    const rig = await createRig({ conversations: 5 });
    const list = await renderWithClient<HTMLElement>(
      rig,
      html`<sms-conversation-list
        style="height: 480px; width: 360px; display: flex"
      ></sms-conversation-list>`,
    );
    await until(() => shadow(list).querySelectorAll('[role="option"]').length > 0, 'list rows');
    // Rows render only in view: make room for the thread.
    own.remove();
    list.remove();
    const c = rig.client.getState().conversations[0]!;
    const thread = await renderWithClient<HTMLElement>(
      rig,
      html`<sms-thread
        conversation-id=${c.id}
        style="height: 500px; width: 420px; display: flex"
      ></sms-thread>`,
    );
    await until(() => shadow(thread).querySelectorAll('[part="bubble"]').length > 0, 'thread bubbles');
  });
});
