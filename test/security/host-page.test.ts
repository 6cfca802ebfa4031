import { expect, fixture } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { SmsThread } from '../../src/components/thread/thread.js';
import '../../src/define.js';
import { cleanupRigs, createRig } from '../helpers/fixture.js';
import { until } from '../helpers/wait.js';

describe('a host page that got there first', () => {
  afterEach(cleanupRigs);

  it('leaves a tag the host already defined alone, says so clearly, and registers under another name', async () => {
    class HostWidget extends HTMLElement {}
    customElements.define('acme-taken', HostWidget);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      expect(() => SmsThread.define('acme-taken')).not.to.throw();
    } finally {
      console.error = original;
    }
    expect(customElements.get('acme-taken')).to.equal(HostWidget);
    expect(errors.join()).to.contain('<acme-taken> is already defined by another class');
    expect(errors.join()).to.contain("SmsThread.define('my-acme-taken')");

    SmsThread.define('acme-thread');
    const rig = await createRig();
    const c = rig.client.getState().conversations[0]!;
    const tag = unsafeStatic('acme-thread');
    const el = await fixture<HTMLElement>(
      staticHtml`<sms-provider .client=${rig.client}><${tag} conversation-id=${c.id} style="display: flex; height: 300px"></${tag}></sms-provider>`,
    ).then((p) => p.firstElementChild as HTMLElement);
    await until(() => el.shadowRoot?.querySelector('[part="bubble"]'), 'the renamed thread renders');
    expect(el).to.be.instanceOf(SmsThread);
  });
});
