import { expect, fixture, html } from '@open-wc/testing';
// Not the shared fixture helper: it imports Spanish, and this file checks a page without it.
import '../../src/define.js';
import { translationFor } from '../../src/i18n/registry.js';
import { en } from '../../src/i18n/translation.js';
import { until } from '../helpers/wait.js';

describe('Spanish (opt in, decision 0016)', () => {
  it('is not built in: a Spanish element speaks English until sms-elements/i18n/es is imported, then Spanish', async () => {
    expect(translationFor('es')).to.equal(en);
    const el = await fixture<HTMLElement>(html`<sms-conversation-list lang="es-MX"></sms-conversation-list>`);
    const text = () => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
    expect(text()).to.equal(en.noClient);

    const { es } = await import('../../src/i18n/es.js');
    expect(translationFor('es-MX').noClient).to.equal(es.noClient);
    expect(es.noClient).to.not.equal(en.noClient);
    // Elements already on the page follow the registration.
    await until(() => text() === es.noClient, 'the list in Spanish');
  });
});
