import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseSmsLink } from '../../src/rules/sms-link.js';

describe('parseSmsLink', () => {
  const cases: readonly [string, string[], string | undefined][] = [
    ['sms:+15551234567', ['+15551234567'], undefined],
    ['sms:+15551234567?body=Hello%20there', ['+15551234567'], 'Hello there'],
    ['sms:+15551234567?body=Hello+there%2B1', ['+15551234567'], 'Hello there+1'],
    ['sms:+15551234567,+15557654321?body=Group', ['+15551234567', '+15557654321'], 'Group'],
    ['sms://+15551234567?body=x', ['+15551234567'], 'x'],
    ['sms:+15551234567&body=iOS%20form', ['+15551234567'], 'iOS form'],
    ['sms:+15551234567;?&body=iOS%207', ['+15551234567'], 'iOS 7'],
    ['sms:/open?addresses=+15551234567,+15557654321&body=hi', ['+15551234567', '+15557654321'], 'hi'],
    ['SMS:%2B15551234567?BODY=Caps', ['+15551234567'], 'Caps'],
    ['sms:(555)%20123-4567', ['(555) 123-4567'], undefined],
    ['sms:?body=No%20number', [], 'No number'],
    ['smsto:+15551234567?body=a', ['+15551234567'], 'a'],
    ['sms:+15551234567?body=%E2%9C%85%20%C2%BFListo%3F', ['+15551234567'], '✅ ¿Listo?'],
    ['sms:+15551234567?body=50%', ['+15551234567'], '50%'],
  ];
  for (const [href, recipients, body] of cases) {
    it(`reads ${href}`, () => {
      const link = parseSmsLink(href)!;
      expect(link.scheme).to.equal('sms');
      expect(link.recipients).to.deep.equal(recipients);
      expect(link.body).to.equal(body);
    });
  }

  it('reads tel: links, and nothing else', () => {
    expect(parseSmsLink('tel:+1-555-123-4567')).to.deep.equal({
      scheme: 'tel',
      recipients: ['+1-555-123-4567'],
    });
    expect(parseSmsLink('tel:+15551234567;ext=2')).to.deep.equal({
      scheme: 'tel',
      recipients: ['+15551234567'],
    });
    for (const href of ['https://example.com', 'mailto:a@b.c', 'javascript:alert(1)', 'tel:', ''])
      expect(parseSmsLink(href), href).to.equal(null);
  });

  it('gives back any body exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (body) => {
        const link = parseSmsLink(`sms:+15551234567?body=${encodeURIComponent(body)}`);
        return link !== null && link.body === body && link.recipients[0] === '+15551234567';
      }),
    );
  });
});
