import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  formatPhoneNumber,
  isTollFree,
  looksLikePhoneNumber,
  normalizePhoneNumber,
  parsePhoneNumber,
  parseRecipient,
  phoneKind,
} from '../../src/rules/phone.js';
import type { PhoneError, PhoneKind } from '../../src/rules/phone.js';

const E164 = /^\+[1-9]\d{6,14}$/;

/** [input, default country, expected E.164 or error]. */
type Row = readonly [input: string, country: string, expected: string | PhoneError, kind?: PhoneKind];

const accepted: readonly Row[] = [
  ['+14155552671', 'US', '+14155552671'],
  ['(415) 555-2671', 'US', '+14155552671'],
  ['415.555.2671', 'US', '+14155552671'],
  ['415 555 2671', 'US', '+14155552671'],
  ['1 415 555 2671', 'US', '+14155552671'],
  ['1-415-555-2671', 'US', '+14155552671'],
  ['  +1 415 555 2671  ', 'US', '+14155552671'],
  ['\t(415) 555-2671\n', 'US', '+14155552671'],
  ['+1 (202) 555-0123', 'GB', '+12025550123'],
  ['tel:+14155552671', 'US', '+14155552671'],
  ['TEL:+1-415-555-2671', 'US', '+14155552671'],
  ['tel:4155552671', 'US', '+14155552671'],
  ['+1\u200B4155552671', 'US', '+14155552671'],
  ['\u200E+1 415\u00AD555\u20602671\uFEFF', 'US', '+14155552671'],
  ['\u2066+1 415 555 2671\u2069', 'US', '+14155552671'],
  ['+１４１５５５５２６７１', 'US', '+14155552671'],
  ['＋１ （４１５） ５５５－２６７１', 'US', '+14155552671'],
  ['+٩٧١٥٠١٢٣٤٥٦٧', 'US', '+971501234567'],
  ['+۹۷۱۵۰۱۲۳۴۵۶۷', 'US', '+971501234567'],
  ['+१ ४१५ ५५५ २६७१', 'US', '+14155552671'],
  ['+1 415\u2013555\u20142671', 'US', '+14155552671'],
  ['+1\u00A0415\u00A0555\u00A02671', 'US', '+14155552671'],
  ['+44 20 7946 0958', 'US', '+442079460958'],
  ['020 7946 0958', 'GB', '+442079460958'],
  ['07911 123456', 'GB', '+447911123456'],
  ['+4407911123456', 'US', '+447911123456'],
  ['+33 6 12 34 56 78', 'US', '+33612345678'],
  ['06 12 34 56 78', 'FR', '+33612345678'],
  ['612 34 56 78', 'ES', '+34612345678'],
  ['011 44 20 7946 0958', 'US', '+442079460958'],
  ['00 44 20 7946 0958', 'GB', '+442079460958'],
  ['00 44 20 7946 0958', 'US', '+442079460958'],
  ['0014155552671', 'US', '+14155552671'],
  ['001 415 555 2671', 'GB', '+14155552671'],
  ['4155552671', 'us', '+14155552671'],
  ['4155552671', ' US ', '+14155552671'],
  ['+1 800 555 0199', 'US', '+18005550199', 'toll-free'],
  ['(888) 555-0199', 'US', '+18885550199', 'toll-free'],
  ['1-800-FLOWERS', 'US', '+18003569377', 'toll-free'],
  ['1 800 flowers', 'US', '+18003569377', 'toll-free'],
  ['800-FLOWERS', 'US', '+18003569377', 'toll-free'],
  ['+1-800-FLOWERS', 'GB', '+18003569377', 'toll-free'],
  ['1-855-MY-PIZZA', 'US', '+18556974992', 'toll-free'],
];

const refused: readonly Row[] = [
  ['', 'US', 'empty'],
  ['   ', 'US', 'empty'],
  ['\u200B\u200B', 'US', 'empty'],
  ['tel:', 'US', 'empty'],
  ['+1 415 555 2671 ext. 99', 'US', 'extension'],
  ['+1-415-555-2671;ext=1', 'US', 'extension'],
  ['tel:+1-415-555-2671;ext=1', 'US', 'extension'],
  ['415-555-2671 x5', 'US', 'extension'],
  ['415-555-2671x5', 'US', 'extension'],
  ['415 555 2671 extension 12', 'US', 'extension'],
  ['415 555 2671 #12', 'US', 'extension'],
  ['415-555-2671,,12', 'US', 'extension'],
  ['1-800-FLOWERS ext 4', 'US', 'extension'],
  ['+1415555267', 'US', 'too-short'],
  ['12', 'US', 'too-short'],
  ['+1', 'US', 'too-short'],
  ['555-0123', 'US', 'too-short'],
  ['+141555526711', 'US', 'too-long'],
  ['+1234567890123456', 'US', 'too-long'],
  ['1234567890123456789', 'US', 'too-long'],
  ['020 7946 0958', 'US', 'too-long'],
  ['1'.repeat(41), 'US', 'too-long'],
  ['1'.repeat(100_000), 'US', 'too-long'],
  ['+15555555555', 'US', 'invalid'],
  ['(555) 123-4567', 'US', 'invalid'],
  ['+1 (555) 010-0000', 'US', 'invalid'],
  ['4155552671', 'GB', 'invalid'],
  ['+0014155552671', 'US', 'invalid-country'],
  ['+999123456789', 'US', 'invalid-country'],
  ['4155552671', '', 'invalid-country'],
  ['4155552671', 'XX', 'invalid-country'],
  ['4155552671', 'USA', 'invalid-country'],
  ['hello!', 'US', 'not-a-number'],
  ['A', 'US', 'not-a-number'],
  ['<script>+14155552671', 'US', 'not-a-number'],
  ['+1 415 555 2671 \n +1 212 555 1234', 'US', 'not-a-number'],
  ['+1 415 555 2671, +1 212 555 1234', 'US', 'not-a-number'],
  ['415+555+2671', 'US', 'not-a-number'],
  ['()-.', 'US', 'not-a-number'],
  ['\u{1F600}\u{1F600}\u{1F600}', 'US', 'not-a-number'],
  ['x'.repeat(1000), 'US', 'too-long'],
];

describe('parsePhoneNumber', () => {
  for (const [input, country, e164, kind = 'standard'] of accepted) {
    it(`reads ${JSON.stringify(input)} (${country}) as ${e164}`, () => {
      expect(parsePhoneNumber(input, country)).to.deep.equal({ ok: true, e164, kind });
    });
  }

  for (const [input, country, error] of refused) {
    it(`refuses ${JSON.stringify(input.slice(0, 40))} (${country || 'no country'}): ${error}`, () => {
      const result = parsePhoneNumber(input, country);
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.error).to.equal(error);
        expect(result.message).to.match(/^[A-Z].*\.$/);
      }
    });
  }

  it('explains each refusal with a sentence', () => {
    const message = (input: string, country = 'US') => {
      const r = parsePhoneNumber(input, country);
      return r.ok ? '' : r.message;
    };
    expect(message('')).to.equal('Enter a phone number.');
    expect(message('12')).to.equal('This number is too short.');
    expect(message('+141555526711')).to.equal('This number is too long.');
    expect(message('+15555555555')).to.equal('This is not a valid phone number.');
    expect(message('415 555 2671 x9')).to.equal('Text messages cannot be sent to an extension.');
    expect(message('+999123456789')).to.contain('country code');
    expect(message('hello!')).to.equal('This is not a phone number.');
  });

  it('recognises US and Canadian short codes, kept as digits', () => {
    expect(parsePhoneNumber('12345', 'US')).to.deep.equal({ ok: true, e164: '12345', kind: 'short-code' });
    expect(parsePhoneNumber(' 262966 ', 'US')).to.deep.equal({
      ok: true,
      e164: '262966',
      kind: 'short-code',
    });
    expect(parsePhoneNumber('262 966', 'CA')).to.deep.equal({ ok: true, e164: '262966', kind: 'short-code' });
    expect(parsePhoneNumber('１２３４５', 'US')).to.include({ ok: true, kind: 'short-code', e164: '12345' });
    // Not a short code: too few or too many digits, a "+", or another country.
    expect(parsePhoneNumber('1234', 'US')).to.include({ ok: false });
    expect(parsePhoneNumber('1234567', 'US')).to.include({ ok: false });
    expect(parsePhoneNumber('+12345', 'US')).to.include({ ok: false });
    expect(parsePhoneNumber('12345', 'GB')).to.include({ ok: false, error: 'too-short' });
    expect(parsePhoneNumber('12-345', 'US')).to.include({ ok: false });
  });

  it('recognises alphanumeric sender ids of 3 to 11 characters', () => {
    for (const sender of ['ACME', 'MyBrand', 'VERIFY123', 'ACME Co', 'Dr. Smith', 'A&B', 'Eleven-Char']) {
      expect(parsePhoneNumber(sender, 'US'), sender).to.deep.equal({
        ok: true,
        e164: sender,
        kind: 'alphanumeric',
      });
    }
    expect(parsePhoneNumber('  ACME  ', 'US')).to.include({ e164: 'ACME' });
    for (const notSender of ['AB', 'TwelveChars!', 'Twelve Chars', '1ACME', 'ACME!', 'Ünïcödé']) {
      expect(parsePhoneNumber(notSender, 'US').ok, notSender).to.equal(false);
    }
  });

  it('never throws, whatever the input and country (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })),
        fc.constantFrom('US', 'CA', 'GB', 'ES', 'MX', 'DE', 'us', 'XX', '', '??', 'ZZZ'),
        (input, country) => {
          const result = parsePhoneNumber(input, country);
          if (result.ok) {
            if (result.kind === 'short-code') expect(result.e164).to.match(/^\d{5,6}$/);
            else if (result.kind === 'alphanumeric') expect(result.e164).to.match(/^[A-Za-z]/);
            else expect(result.e164).to.match(E164);
            expect(isTollFree(result.e164)).to.equal(result.kind === 'toll-free');
          } else {
            expect(result.message).to.be.a('string').and.not.equal('');
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses huge and pathological input with a message (timing is the benchmark's job)", () => {
    const inputs = [
      '1'.repeat(1_000_000),
      ' '.repeat(1_000_000),
      '\u200B'.repeat(255) + '4155552671',
      '1-'.repeat(20),
      '1 x'.repeat(13),
      '('.repeat(39) + '1',
      'a1'.repeat(20),
    ];
    for (const input of inputs) {
      const result = parsePhoneNumber(input, 'US');
      expect(result.ok, JSON.stringify(input.slice(0, 20))).to.equal(false);
    }
  });
});

describe('parseRecipient', () => {
  it('accepts standard and toll-free numbers', () => {
    expect(parseRecipient('(415) 555-2671', 'US')).to.deep.equal({
      ok: true,
      e164: '+14155552671',
      kind: 'standard',
    });
    expect(parseRecipient('1-800-FLOWERS', 'US')).to.include({ ok: true, kind: 'toll-free' });
  });

  it('refuses short codes and sender names, with a reason', () => {
    expect(parseRecipient('72345', 'US')).to.deep.equal({
      ok: false,
      error: 'invalid',
      message: 'Short codes cannot receive texts from here.',
    });
    expect(parseRecipient('ACME', 'US')).to.include({ ok: false, error: 'not-a-number' });
  });

  it('passes other refusals through', () => {
    expect(parseRecipient('415 555 2671 x2', 'US')).to.include({ ok: false, error: 'extension' });
    expect(parseRecipient('', 'US')).to.include({ ok: false, error: 'empty' });
  });
});

describe('normalizePhoneNumber', () => {
  const rows = [...accepted, ...refused];
  for (const [input, country, expected] of rows) {
    const e164 = expected.startsWith('+') ? expected : null;
    it(`normalizes ${JSON.stringify(input.slice(0, 40))} (${country}) to ${e164}`, () => {
      expect(normalizePhoneNumber(input, country)).to.equal(e164);
    });
  }

  it('gives null for short codes and sender names', () => {
    expect(normalizePhoneNumber('12345', 'US')).to.equal(null);
    expect(normalizePhoneNumber('ACME', 'US')).to.equal(null);
  });

  /** Strings made of what people type into a number field. */
  const phoneish = fc
    .array(
      fc.constantFrom(
        ...'0123456789012345678901234567890123456789'.split(''),
        '+',
        ' ',
        '-',
        '(',
        ')',
        '.',
        '\u200B',
        '１',
        '٣',
        'x',
        'A',
        'tel:',
        '00',
        '011',
        '#',
        ',',
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(''));

  const anyInput = fc.oneof(
    phoneish,
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const country = fc.constantFrom('US', 'CA', 'GB', 'FR', 'ES', 'MX', 'IN', 'AU', 'DE', '', 'XX');

  it('only ever yields E.164 or null, never throwing (property)', () => {
    fc.assert(
      fc.property(anyInput, country, (input, c) => {
        const out = normalizePhoneNumber(input, c);
        expect(out === null || E164.test(out), String(out)).to.equal(true);
      }),
      { numRuns: 4000 },
    );
  });

  it('is idempotent on its own output, in any country (property)', () => {
    fc.assert(
      fc.property(anyInput, country, country, (input, c, again) => {
        const once = normalizePhoneNumber(input, c);
        if (once !== null) expect(normalizePhoneNumber(once, again)).to.equal(once);
      }),
      { numRuns: 4000 },
    );
  });

  /** Valid US numbers in areas the metadata knows. */
  const usNumber = fc
    .tuple(
      fc.constantFrom('202', '212', '312', '415', '617', '713', '305', '206', '800', '888'),
      fc.integer({ min: 200, max: 999 }),
      fc.integer({ min: 0, max: 9999 }),
    )
    .filter(([, exchange]) => exchange % 100 !== 11)
    .map(([area, exchange, line]) => `+1${area}${exchange}${String(line).padStart(4, '0')}`);

  it('reads back what formatPhoneNumber displays (property)', () => {
    fc.assert(
      fc.property(usNumber, fc.constantFrom('US', 'GB', 'ES'), (e164, c) => {
        expect(normalizePhoneNumber(e164, 'US')).to.equal(e164);
        expect(normalizePhoneNumber(formatPhoneNumber(e164, { country: c }), 'US')).to.equal(e164);
      }),
      { numRuns: 500 },
    );
  });

  it('reads every common way of writing a valid US number the same (property)', () => {
    fc.assert(
      fc.property(usNumber, (e164) => {
        const [a, b, c] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)];
        for (const written of [
          `(${a}) ${b}-${c}`,
          `${a}.${b}.${c}`,
          `1 ${a} ${b} ${c}`,
          `+1-${a}-${b}-${c}`,
          `tel:+1${a}${b}${c}`,
          ` ${a}${b}${c} `,
          `011 1 ${a} ${b} ${c}`,
        ]) {
          expect(normalizePhoneNumber(written, 'US'), written).to.equal(e164);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('countries outside the numbering plans of the build (decision 0011)', () => {
  it('reads an international number of any assigned calling code as E.164', () => {
    expect(parsePhoneNumber('+49 30 1234567', 'US')).to.deep.equal({
      ok: true,
      e164: '+49301234567',
      kind: 'standard',
    });
    expect(parsePhoneNumber('011 49 30 1234567', 'US')).to.deep.equal({
      ok: true,
      e164: '+49301234567',
      kind: 'standard',
    });
    expect(parsePhoneNumber('0049 30 1234567', 'ES')).to.deep.equal({
      ok: true,
      e164: '+49301234567',
      kind: 'standard',
    });
    expect(parsePhoneNumber('00 81 3 1234 5678', 'GB')).to.deep.equal({
      ok: true,
      e164: '+81312345678',
      kind: 'standard',
    });
  });

  it('refuses what E.164 cannot be: an unassigned code, too few or too many digits', () => {
    expect(parsePhoneNumber('+999 123456789', 'US')).to.include({ ok: false, error: 'invalid-country' });
    expect(parsePhoneNumber('+49 301', 'US')).to.include({ ok: false, error: 'too-short' });
    expect(parsePhoneNumber('+49 3012 3456 7890 12', 'US')).to.include({ ok: false, error: 'too-long' });
    expect(parsePhoneNumber('+49 30 1234567 x12', 'US')).to.include({ ok: false, error: 'extension' });
  });

  it('needs the + (or the international prefix) for them: a national form has no plan to read it', () => {
    expect(parsePhoneNumber('030 1234567', 'DE')).to.include({ ok: false, error: 'invalid-country' });
  });

  it('shows them as the calling code, then the national number', () => {
    expect(formatPhoneNumber('+49301234567', { country: 'US' })).to.equal('+49 301234567');
    expect(formatPhoneNumber('+49301234567', { country: 'DE' })).to.equal('+49 301234567');
    expect(normalizePhoneNumber(formatPhoneNumber('+49301234567'), 'US')).to.equal('+49301234567');
  });
});

describe('isTollFree and phoneKind', () => {
  for (const prefix of ['800', '833', '844', '855', '866', '877', '888']) {
    it(`knows +1 ${prefix} is toll-free`, () => {
      expect(isTollFree(`+1${prefix}5550199`)).to.equal(true);
      expect(phoneKind(`+1${prefix}5550199`)).to.equal('toll-free');
      expect(parsePhoneNumber(`${prefix}-555-0199`, 'US')).to.include({ ok: true, kind: 'toll-free' });
    });
  }

  it('does not call other numbers toll-free', () => {
    for (const n of [
      '+12025550123',
      '+18225550199',
      '+18995550199',
      '+448005550199',
      '+1800555019',
      '18005550199',
    ]) {
      expect(isTollFree(n), n).to.equal(false);
    }
  });

  it('classifies stored addresses', () => {
    expect(phoneKind('+12025550123')).to.equal('standard');
    expect(phoneKind('+442079460958')).to.equal('standard');
    expect(phoneKind('12345')).to.equal('short-code');
    expect(phoneKind('262966')).to.equal('short-code');
    expect(phoneKind('ACME')).to.equal('alphanumeric');
    expect(phoneKind('VERIFY123')).to.equal('alphanumeric');
  });

  it('agrees with parsePhoneNumber on every accepted result (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (input) => {
        const r = parsePhoneNumber(input, 'US');
        if (r.ok) expect(phoneKind(r.e164)).to.equal(r.kind);
      }),
      { numRuns: 2000 },
    );
    for (const [input, country, , kind] of accepted) {
      const r = parsePhoneNumber(input, country);
      if (r.ok) expect(phoneKind(r.e164)).to.equal(kind ?? 'standard');
    }
  });
});

describe('formatPhoneNumber', () => {
  const rows: readonly [string, string | undefined, string][] = [
    ['+12025550123', 'US', '(202) 555-0123'],
    ['+12025550123', 'us', '(202) 555-0123'],
    ['+12025550123', 'ES', '+1 202 555 0123'],
    ['+12025550123', undefined, '+1 202 555 0123'],
    ['+18005550199', 'US', '(800) 555-0199'],
    ['+442079460958', 'GB', '020 7946 0958'],
    ['+442079460958', 'US', '+44 20 7946 0958'],
    ['+33612345678', 'FR', '06 12 34 56 78'],
    ['+14165550123', 'US', '+1 416 555 0123'],
  ];
  for (const [e164, country, expected] of rows) {
    it(`shows ${e164} in ${country ?? 'no country'} as ${expected}`, () => {
      expect(formatPhoneNumber(e164, country ? { country } : undefined)).to.equal(expected);
    });
  }

  it('returns what it cannot format unchanged', () => {
    for (const input of ['72345', 'ACME', '', '<b>x</b>', '+999123456789', '2025550123', '+1 202 555 0123']) {
      expect(formatPhoneNumber(input, { country: 'US' }), input).to.equal(input);
    }
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\+[1-9]\d{6,14}$/)),
        fc.option(fc.string({ maxLength: 3 })),
        (input, country) => {
          const out = formatPhoneNumber(input, country === null ? {} : { country });
          expect(out).to.be.a('string');
          if (!E164.test(input)) expect(out).to.equal(input);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('looksLikePhoneNumber', () => {
  const yes = [
    '415',
    '(202) 555',
    '+44 20',
    '+1 415 555 2671',
    '415-555-2671',
    'tel:+1 202',
    '２０２',
    '+\u200B1 202',
    '1-800-FLOWERS',
    '800 flowers',
    '202 555 0123 x5',
    '202 555 0123 ext. 5',
  ];
  const no = [
    '',
    '  ',
    '12',
    '+1',
    'Ana',
    'Ana 202',
    'Room 101',
    'hello 202 555',
    '202 555 0123 call me',
    '1'.repeat(300),
  ];
  for (const q of yes)
    it(`offers "Send to" for ${JSON.stringify(q)}`, () => expect(looksLikePhoneNumber(q)).to.equal(true));
  for (const q of no) {
    it(`does not offer "Send to" for ${JSON.stringify(q.slice(0, 20))}`, () =>
      expect(looksLikePhoneNumber(q)).to.equal(false));
  }

  it('is true for everything parseRecipient accepts, except over-long vanity input (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+(]?[2-9]\d{2}[). -]?\d{3}[ .-]?\d{4}$/), (input) => {
        if (parseRecipient(input, 'US').ok) expect(looksLikePhoneNumber(input), input).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });
});
