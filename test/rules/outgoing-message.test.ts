import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { OwnNumber } from '../../src/model/account.js';
import { isProvisionalId, provisionalConversationId } from '../../src/model/ids.js';
import { isE164 } from '../../src/rules/e164.js';
import { OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, optOutKeyword } from '../../src/rules/opt-out.js';
import {
  MAX_TEXT,
  backendCode,
  checkOutgoing,
  checkOutgoingRecipients,
  textRefusal,
} from '../../src/rules/outgoing-message.js';
import type { OutgoingMessage } from '../../src/rules/outgoing-message.js';

const LOCAL: OwnNumber = {
  number: '+12025550100',
  kind: 'local',
  capabilities: { sms: true, mms: true, group: true },
};
const TOLL_FREE: OwnNumber = {
  number: '+18005550199',
  kind: 'toll-free',
  capabilities: { sms: true, mms: false, group: false },
};
const NO_GROUP: OwnNumber = { ...LOCAL, capabilities: { sms: true, mms: true, group: false } };
const A = '+12025550123';
const B = '+13125552671';

function code(message: Partial<OutgoingMessage>): string | null {
  const checked = checkOutgoing({ to: [A], text: 'Hi', attachments: 0, own: LOCAL, ...message });
  return checked.ok ? null : checked.refusal.code;
}

describe('the outgoing-message rule', () => {
  it('accepts a text to a valid number and returns each recipient once', () => {
    const checked = checkOutgoing({ to: [A, B, A], text: 'Hi', attachments: 0, own: LOCAL });
    expect(checked.ok).to.equal(true);
    if (checked.ok) expect(checked.to).to.deep.equal([A, B]);
  });

  it('refuses recipients in one order: none, emergency, short code, not textable, STOP, group', () => {
    expect(code({ to: [] })).to.equal('no-recipients');
    expect(code({ to: ['911'] })).to.equal('emergency-number');
    expect(code({ to: ['+44 999', A] })).to.equal('emergency-number');
    expect(code({ to: ['12345'] })).to.equal('short-code');
    expect(code({ to: ['not a number'] })).to.equal('invalid-recipient');
    expect(code({ to: ['2025550123'] })).to.equal('invalid-recipient'); // not E.164
    expect(code({ to: ['+15555555555'] })).to.equal('invalid-recipient'); // E.164 but no such number
    expect(code({ to: [LOCAL.number] })).to.equal('invalid-recipient'); // the sender itself
    expect(code({ to: [42] })).to.equal('invalid-recipient');
    expect(code({ to: [A], isOptedOut: (n) => n === A, text: '' })).to.equal('recipient-opted-out');
    expect(code({ to: [A, B], own: NO_GROUP })).to.equal('group-not-allowed');
    expect(code({ to: [A, B], own: TOLL_FREE })).to.equal('toll-free-sms-only');
  });

  it('names who replied STOP', () => {
    const checked = checkOutgoing({
      to: [A, B],
      text: 'Hi',
      attachments: 0,
      own: LOCAL,
      isOptedOut: (n) => n === B,
    });
    expect(checked.ok).to.equal(false);
    if (!checked.ok) expect(checked.refusal.message).to.equal(`${B} replied STOP and can't be texted.`);
  });

  it('refuses the content: too long, files on an SMS-only number, nothing to send', () => {
    expect(code({ text: 'a'.repeat(MAX_TEXT) })).to.equal(null);
    expect(code({ text: 'a'.repeat(MAX_TEXT + 1) })).to.equal('text-too-long');
    // Code points, not UTF-16 units: 1,600 emoji are 3,200 units and still fit.
    expect(code({ text: '😀'.repeat(MAX_TEXT) })).to.equal(null);
    expect(code({ text: '', attachments: 1, own: TOLL_FREE })).to.equal('toll-free-sms-only');
    expect(
      code({
        text: '',
        attachments: 1,
        own: { ...LOCAL, capabilities: { ...LOCAL.capabilities, mms: false } },
      }),
    ).to.equal('toll-free-sms-only');
    expect(code({ text: '  \n ' })).to.equal('empty-message');
    expect(code({ text: '', attachments: 1 })).to.equal(null);
  });

  it('checks the recipients alone for starting a chat', () => {
    expect(checkOutgoingRecipients({ to: [A], own: LOCAL }).ok).to.equal(true);
    const refused = checkOutgoingRecipients({ to: ['112'], own: LOCAL });
    expect(refused.ok ? null : refused.refusal.code).to.equal('emergency-number');
  });

  it('checks a text alone for scheduled messages', () => {
    expect(textRefusal('Hi')).to.equal(null);
    expect(textRefusal(' ')?.code).to.equal('empty-message');
    expect(textRefusal('x'.repeat(MAX_TEXT + 1))?.code).to.equal('text-too-long');
  });

  it('answers the transport with E.164-only codes', () => {
    expect(backendCode('no-recipients')).to.equal('invalid-recipient');
    expect(backendCode('emergency-number')).to.equal('invalid-recipient');
    expect(backendCode('short-code')).to.equal('invalid-recipient');
    expect(backendCode('text-too-long')).to.equal('text-too-long');
  });

  it('never accepts a recipient that is not E.164, and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
        fc.string(),
        (to, text) => {
          const checked = checkOutgoing({ to, text, attachments: 0, own: LOCAL });
          if (checked.ok) expect(checked.to.every((n) => isE164(n))).to.equal(true);
        },
      ),
    );
  });
});

describe('opt-out keywords', () => {
  it('reads STOP and START words alone, in any case, trimmed', () => {
    for (const word of OPT_OUT_KEYWORDS) expect(optOutKeyword(` ${word.toLowerCase()} `)).to.equal('opt-out');
    for (const word of OPT_IN_KEYWORDS) expect(optOutKeyword(word)).to.equal('opt-in');
    expect(optOutKeyword('Stop')).to.equal('opt-out');
    expect(optOutKeyword('please stop')).to.equal(null);
    expect(optOutKeyword('STOP!')).to.equal(null);
    expect(optOutKeyword('')).to.equal(null);
  });
});

describe('provisional ids', () => {
  it('marks a chat that exists only on this device', () => {
    const id = provisionalConversationId(LOCAL.number, [B, A]);
    expect(isProvisionalId(id)).to.equal(true);
    expect(id).to.equal(provisionalConversationId(LOCAL.number, [A, B]));
    expect(isProvisionalId('c-1')).to.equal(false);
  });
});
