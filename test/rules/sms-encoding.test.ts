import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  SMS_MAX_CHARACTERS,
  analyzeSms,
  isOverSmsLimit,
  toGsmFriendly,
} from '../../src/rules/sms-encoding.js';

/** The GSM 03.38 default alphabet in table order, 0x00–0x7F without the escape at 0x1B. */
const GSM_TABLE = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
].join('');
const GSM_EXTENSION = '^{}\\[~]|€\f';

const gsmChar = fc.constantFrom(...GSM_TABLE);
const anyGsmChar = fc.constantFrom(...GSM_TABLE, ...GSM_EXTENSION);
const ucsChar = fc.constantFrom('Ж', 'ç', 'á', '“', '—', '中', '\t', '👍', '👩‍👩‍👧', '🇪🇸', 'é\u0301');

describe('analyzeSms: GSM-7', () => {
  it('knows the whole default alphabet, one septet each', () => {
    expect(GSM_TABLE.length).to.equal(127);
    expect(analyzeSms(GSM_TABLE)).to.deep.equal({
      encoding: 'GSM-7',
      characters: 127,
      units: 127,
      segments: 1,
      perSegment: 160,
      remaining: 33,
      unicodeCharacters: [],
    });
  });

  it('counts each extension character (and form feed) as two septets', () => {
    for (const ch of GSM_EXTENSION) {
      expect(analyzeSms(ch), JSON.stringify(ch)).to.include({ encoding: 'GSM-7', characters: 1, units: 2 });
    }
  });

  it('has nothing to count for empty text', () => {
    expect(analyzeSms('')).to.deep.equal({
      encoding: 'GSM-7',
      characters: 0,
      units: 0,
      segments: 0,
      perSegment: 160,
      remaining: 160,
      unicodeCharacters: [],
    });
  });

  const rows: readonly [
    label: string,
    text: string,
    segments: number,
    perSegment: number,
    remaining: number,
  ][] = [
    ['1 char', 'a', 1, 160, 159],
    ['exactly 160', 'a'.repeat(160), 1, 160, 0],
    ['161', 'a'.repeat(161), 2, 153, 145],
    ['153 × 2 = 306', 'a'.repeat(306), 2, 153, 0],
    ['307', 'a'.repeat(307), 3, 153, 152],
    ['153 × 3 = 459', 'a'.repeat(459), 3, 153, 0],
    ['460', 'a'.repeat(460), 4, 153, 152],
    ['80 euro signs = 160 septets', '€'.repeat(80), 1, 160, 0],
    ['81 euro signs: 76 per part', '€'.repeat(81), 2, 153, 143],
    ['158 + one escape pair = 160', 'a'.repeat(158) + '€', 1, 160, 0],
    ['159 + one escape pair = 161', 'a'.repeat(159) + '€', 2, 153, 145],
    ['pair ending exactly at 153', 'a'.repeat(151) + '[' + 'a'.repeat(10), 2, 153, 143],
    ['pair straddling 153 moves whole', 'a'.repeat(152) + '[' + 'a'.repeat(10), 2, 153, 141],
    ['pair straddling the second boundary', 'a'.repeat(305) + '~', 3, 153, 151],
    ['CRLF counts two', 'a'.repeat(158) + '\r\n', 1, 160, 0],
  ];
  for (const [label, text, segments, perSegment, remaining] of rows) {
    it(`splits ${label}`, () => {
      expect(analyzeSms(text)).to.include({ encoding: 'GSM-7', segments, perSegment, remaining });
    });
  }

  it('counts characters apart from septets', () => {
    expect(analyzeSms('{x}')).to.include({ characters: 3, units: 5 });
  });
});

describe('analyzeSms: UCS-2', () => {
  const rows: readonly [
    label: string,
    text: string,
    segments: number,
    perSegment: number,
    remaining: number,
  ][] = [
    ['exactly 70', 'Ж'.repeat(70), 1, 70, 0],
    ['71', 'Ж'.repeat(71), 2, 67, 63],
    ['67 × 2 = 134', 'Ж'.repeat(134), 2, 67, 0],
    ['135', 'Ж'.repeat(135), 3, 67, 66],
    ['one emoji makes 160 GSM characters three parts', 'a'.repeat(159) + '👍', 3, 67, 40],
    ['35 emoji = 70 units', '👍'.repeat(35), 1, 70, 0],
    ['36 emoji: 33 per part', '👍'.repeat(36), 2, 67, 61],
    ['65 + a surrogate pair = 67', 'a'.repeat(65) + '👍', 1, 70, 3],
    ['a surrogate pair ending exactly at 67', 'a'.repeat(65) + '👍' + 'a'.repeat(4), 2, 67, 63],
    ['a surrogate pair straddling 67 moves whole', 'a'.repeat(66) + '👍' + 'Ж'.repeat(4), 2, 67, 61],
    ['extension characters count one in UCS-2', '€'.repeat(69) + 'Ж', 1, 70, 0],
  ];
  for (const [label, text, segments, perSegment, remaining] of rows) {
    it(`splits ${label}`, () => {
      expect(analyzeSms(text)).to.include({ encoding: 'UCS-2', segments, perSegment, remaining });
    });
  }

  it('counts an emoji as one character and two units', () => {
    expect(analyzeSms('👍')).to.include({ characters: 1, units: 2, segments: 1, remaining: 68 });
    expect(analyzeSms('🇪🇸')).to.include({ characters: 2, units: 4 });
    expect(analyzeSms('👩‍👩‍👧')).to.include({ characters: 5, units: 8 });
  });

  it('lists the characters that forced UCS-2, once each, in order', () => {
    expect(analyzeSms('Hi “there”').unicodeCharacters).to.deep.equal(['“', '”']);
    expect(analyzeSms('Ж👍aЖ👍ç').unicodeCharacters).to.deep.equal(['Ж', '👍', 'ç']);
    expect(analyzeSms('tab\there').unicodeCharacters).to.deep.equal(['\t']);
  });

  it('tells apart the GSM letters from their look-alikes', () => {
    for (const ch of ['Ç', 'é', 'à', 'ñ', 'Ñ', 'ü', 'Ä', 'ß', 'Δ', '¤', '§', '¿', '¡']) {
      expect(analyzeSms(ch).encoding, ch).to.equal('GSM-7');
    }
    for (const ch of ['ç', 'á', 'í', 'ó', 'ú', 'Á', 'ã', 'ê', 'ë', '`', '\t', 'α', '\u00A0', '…']) {
      expect(analyzeSms(ch).encoding, JSON.stringify(ch)).to.equal('UCS-2');
    }
  });

  it('counts a lone surrogate as one character without throwing', () => {
    expect(analyzeSms('\uD800')).to.include({ encoding: 'UCS-2', characters: 1, units: 1, segments: 1 });
  });
});

describe('analyzeSms properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: anyGsmChar, maxLength: 500 }),
    fc.string({ unit: fc.oneof(anyGsmChar, ucsChar), maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('holds its invariants for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = analyzeSms(text);
        expect(r.characters).to.equal(Array.from(text).length);
        expect(r.segments === 0).to.equal(text.length === 0);
        expect(r.remaining).to.be.within(0, r.perSegment);
        if (r.encoding === 'UCS-2') {
          expect(r.units).to.equal(text.length);
          expect(r.unicodeCharacters.length).to.be.above(0);
        } else {
          expect(r.unicodeCharacters).to.deep.equal([]);
        }
        if (r.segments === 1) expect(r.units).to.equal(r.perSegment - r.remaining);
        if (r.segments > 1) {
          // Every full part holds at least perSegment - 1 units (a pair may move on).
          expect(r.units).to.be.above((r.segments - 1) * (r.perSegment - 1));
          expect(r.units).to.be.at.most(r.segments * r.perSegment - r.remaining);
          expect(r.perSegment).to.equal(r.encoding === 'GSM-7' ? 153 : 67);
        }
        expect(new Set(r.unicodeCharacters).size).to.equal(r.unicodeCharacters.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('never needs fewer segments for a longer text (monotonic)', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(analyzeSms(a + b).segments).to.be.at.least(analyzeSms(a).segments);
      }),
      { numRuns: 1000 },
    );
  });

  it('sends any GSM text of 1 to 160 characters in one segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: gsmChar, minLength: 1, maxLength: 160 }), (text) => {
        expect(analyzeSms(text)).to.include({ encoding: 'GSM-7', segments: 1, units: text.length });
      }),
    );
  });

  it('matches ceil(units / 153) for GSM text without extension characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: gsmChar, minLength: 161, maxLength: 1600 }), (text) => {
        const r = analyzeSms(text);
        expect(r.segments).to.equal(Math.ceil(text.length / 153));
        expect(r.remaining).to.equal(r.segments * 153 - text.length);
      }),
      { numRuns: 200 },
    );
  });

  it('matches ceil(units / 67) for UCS-2 text without surrogate pairs', () => {
    const bmp = fc.constantFrom('Ж', 'a', 'ç', '中', ' ');
    fc.assert(
      fc.property(fc.string({ unit: bmp, minLength: 71, maxLength: 800 }), (body) => {
        const text = `Ж${body}`;
        const r = analyzeSms(text);
        expect(r.segments).to.equal(Math.ceil(text.length / 67));
        expect(r.remaining).to.equal(r.segments * 67 - text.length);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a part-by-part split of the text', () => {
    // Model: cut the text into parts greedily by code point and check each part's cost.
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(anyGsmChar, ucsChar), minLength: 1, maxLength: 400 }),
        (text) => {
          const r = analyzeSms(text);
          const cost = (ch: string) =>
            r.encoding === 'UCS-2' ? ch.length : GSM_EXTENSION.includes(ch) ? 2 : 1;
          const parts: string[][] = [[]];
          let used = 0;
          for (const ch of Array.from(text)) {
            if (r.segments > 1 && used + cost(ch) > r.perSegment) {
              parts.push([]);
              used = 0;
            }
            parts.at(-1)!.push(ch);
            used += cost(ch);
          }
          expect(parts.length).to.equal(r.segments);
          for (const part of parts)
            expect(part.reduce((n, ch) => n + cost(ch), 0)).to.be.at.most(r.perSegment);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('toGsmFriendly', () => {
  const rows: readonly [input: string, output: string, replaced: number][] = [
    ['It’s “great”', 'It\'s "great"', 3],
    ['‘single’ ‚low‛ ′prime″', "'single' 'low' 'prime\"", 6],
    ['«guillemets» ‹one›', '"guillemets" <one>', 4],
    ['a – b — c ‒ d ― e − f ‐ g ‑ h', 'a - b - c - d - e - f - g - h', 7],
    ['Wait…', 'Wait...', 1],
    ['• one\n◦ two ● three', '* one\n* two * three', 3],
    [
      'no\u00A0break, thin\u2009space, ideographic\u3000space, narrow\u202Fnbsp',
      'no break, thin space, ideographic space, narrow nbsp',
      4,
    ],
    ['zero\u200Bwidth\uFEFF soft\u00ADhyphen', 'zerowidth softhyphen', 3],
    ['tab\there', 'tab here', 1],
    ['line\u2028sep', 'line\nsep', 1],
    ['2 × 3 ÷ 4', '2 x 3 / 4', 2],
    ['¿Cómo estás? Sí, mañana', '¿Como estas? Si, mañana', 3],
    ['Ação, você', 'Acao, voce', 3],
    ['façade', 'facade', 1],
    ['a\u200B\u0301b', 'ab', 1],
    ['e\u0301te\u0301', 'été', 2],
    ['n\u0303', 'ñ', 1],
    ['Łódź', 'Łodz', 2],
    ['plain GSM text @£$ {€}', 'plain GSM text @£$ {€}', 0],
    ['', '', 0],
  ];
  for (const [input, output, replaced] of rows) {
    it(`turns ${JSON.stringify(input)} into ${JSON.stringify(output)}`, () => {
      const r = toGsmFriendly(input);
      expect(r.text).to.equal(output);
      expect(r.replaced).to.equal(replaced);
    });
  }

  it('keeps what has no GSM look-alike, and lists it', () => {
    const r = toGsmFriendly('ok 👍 “Жук” 👩‍👩‍👧');
    expect(r.text).to.equal('ok 👍 "Жук" 👩‍👩‍👧');
    expect(r.remaining).to.deep.equal(['👍', 'Ж', 'у', 'к', '👩', '\u200D', '👧']);
    expect(toGsmFriendly('Łódź').remaining).to.deep.equal(['Ł']);
    expect(toGsmFriendly('1\uFE0F\u20E3').remaining).to.deep.equal(['\uFE0F', '\u20E3']);
  });

  it('makes smart punctuation GSM-7 again', () => {
    const r = toGsmFriendly('It’s “great” — really… ok\u00A0now');
    expect(r.text).to.equal('It\'s "great" - really... ok now');
    expect(r.remaining).to.deep.equal([]);
    expect(analyzeSms(r.text).encoding).to.equal('GSM-7');
    expect(analyzeSms(r.text).segments).to.equal(1);
  });

  it('yields GSM-7 whenever nothing remains, and never throws (property)', () => {
    const smart = fc.constantFrom(
      '“',
      '”',
      '’',
      '–',
      '—',
      '…',
      '\u00A0',
      '•',
      'á',
      'ç',
      'ō',
      '\u0301',
      '\u200B',
      '\t',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.oneof(anyGsmChar, smart), maxLength: 200 }),
          fc.string({ unit: fc.oneof(anyGsmChar, smart, ucsChar), maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        (text) => {
          const r = toGsmFriendly(text);
          expect(r.remaining).to.deep.equal(analyzeSms(r.text).unicodeCharacters);
          if (r.remaining.length === 0) expect(analyzeSms(r.text).encoding).to.equal('GSM-7');
          if (r.replaced === 0) expect(r.text).to.equal(text);
          // Stable: a second pass changes nothing.
          const again = toGsmFriendly(r.text);
          expect(again.text).to.equal(r.text);
          expect(again.replaced).to.equal(0);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('leaves GSM text alone (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyGsmChar, maxLength: 300 }), (text) => {
        expect(toGsmFriendly(text)).to.deep.equal({ text, replaced: 0, remaining: [] });
      }),
    );
  });
});

describe('isOverSmsLimit', () => {
  it('caps text at 1,600 characters', () => {
    expect(SMS_MAX_CHARACTERS).to.equal(1600);
    expect(isOverSmsLimit('')).to.equal(false);
    expect(isOverSmsLimit('a'.repeat(1600))).to.equal(false);
    expect(isOverSmsLimit('a'.repeat(1601))).to.equal(true);
  });

  it('counts an emoji as one character', () => {
    expect(isOverSmsLimit('👍'.repeat(1600))).to.equal(false);
    expect(isOverSmsLimit('👍'.repeat(1601))).to.equal(true);
    expect(isOverSmsLimit('a' + '👍'.repeat(1599))).to.equal(false);
  });

  it('agrees with analyzeSms().characters (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '👍', '€', '\uD800'), minLength: 1590, maxLength: 1610 }),
        (text) => {
          expect(isOverSmsLimit(text)).to.equal(analyzeSms(text).characters > SMS_MAX_CHARACTERS);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers on 10 MB of text', () => {
    expect(isOverSmsLimit('a'.repeat(10_000_000))).to.equal(true);
    expect(isOverSmsLimit('😀'.repeat(1600))).to.equal(false);
  });
});
