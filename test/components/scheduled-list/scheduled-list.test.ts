import { expect, html } from '@open-wc/testing';
import type { SmsScheduledList } from '../../../src/components/scheduled-list/scheduled-list.js';
import { cleanupRigs, createRig, renderWithClient } from '../../helpers/fixture.js';
import { until } from '../../helpers/wait.js';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<sms-scheduled-list>', () => {
  afterEach(cleanupRigs);

  it('says when the scheduled messages could not be loaded, and "Try again" reads them again', async () => {
    const rig = await createRig({ conversations: 3 });
    const c = rig.client.getState().conversations[0]!;
    // Scheduled from another session, then the backend cannot be reached when the chat opens.
    await rig.backend.connect(rig.accountId).scheduleMessage({
      clientId: 'later-1',
      conversationId: c.id,
      text: 'Your table is ready',
      sendAt: Date.now() + 3_600_000,
    });
    rig.backend.setOffline(true);
    const el = await renderWithClient<SmsScheduledList>(
      rig,
      html`<sms-scheduled-list conversation-id=${c.id}></sms-scheduled-list>`,
    );
    const alert = await until(
      () => el.shadowRoot!.querySelector('[role="alert"]'),
      'the failure is shown',
      5000,
    );
    expect(text(alert)).to.contain("The scheduled messages couldn't be loaded.");
    await expect(el).to.be.accessible();
    rig.backend.setOffline(false);
    const again = [...alert.querySelectorAll('button')].find((b) => text(b) === 'Try again')!;
    again.click();
    await until(
      () => text(el.shadowRoot!.querySelector('[part="list"]')).includes('Your table is ready'),
      'the list is read again and shows the message',
      5000,
    );
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});
