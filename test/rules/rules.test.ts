import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  formatPhoneNumber,
  isTollFree,
  looksLikePhoneNumber,
  normalizePhoneNumber,
  parsePhoneNumber,
  parseRecipient,
} from '../../src/rules/phone.js';
import {
  SMS_MAX_CHARACTERS,
  analyzeSms,
  isOverSmsLimit,
  toGsmFriendly,
} from '../../src/rules/sms-encoding.js';
import { detectFileType, sniffBytes } from '../../src/rules/file-type.js';
import {
  DEFAULT_ATTACHMENT_POLICY,
  MB,
  checkAttachments,
  checkRecipients,
  formatBytes,
  resolvePolicy,
} from '../../src/rules/attachment-policy.js';
import type { CandidateFile } from '../../src/rules/attachment-policy.js';
import type { OwnNumber } from '../../src/model/account.js';

const E164 = /^\+[1-9]\d{6,14}$/;

describe('phone numbers', () => {
  const cases: [string, string | null][] = [
    ['(202) 555-0123', '+12025550123'],
    ['202.555.0123', '+12025550123'],
    ['  +1 202 555 0123  ', '+12025550123'],
    ['tel:+1-202-555-0123', '+12025550123'],
    ['２０２５５５０１２３', '+12025550123'],
    ['+1\u200B202\u200C5550123', '+12025550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['1-800-FLOWERS', '+18003569377'],
    ['+1 (800) 555-0199', '+18005550199'],
    ['202 555 0123 ext. 12', null],
    ['202-555-0123 x5', null],
    ['12', null],
    ['+1 202 555 0123 4567 8901', null],
    ['hello', null],
    ['', null],
    ['+999 123 4567', null],
    ['555-0123', null],
  ];
  for (const [input, expected] of cases) {
    it(`normalizes ${JSON.stringify(input)} to ${expected}`, () => {
      expect(normalizePhoneNumber(input, 'US')).to.equal(expected);
    });
  }

  it('explains each refusal', () => {
    const ext = parsePhoneNumber('202 555 0123 ext 9', 'US');
    expect(ext.ok).to.equal(false);
    if (!ext.ok) expect(ext.error).to.equal('extension');
    const short = parsePhoneNumber('12', 'US');
    if (!short.ok) expect(short.error).to.equal('too-short');
    const long = parsePhoneNumber('1234567890123456789', 'US');
    if (!long.ok) expect(long.error).to.equal('too-long');
    const empty = parsePhoneNumber('   ', 'US');
    if (!empty.ok) expect(empty.message).to.match(/Enter a phone number/);
  });

  it('tells toll-free numbers, short codes and sender names apart', () => {
    for (const prefix of ['800', '833', '844', '855', '866', '877', '888']) {
      expect(isTollFree(`+1${prefix}5550199`), prefix).to.equal(true);
      const r = parsePhoneNumber(`${prefix}-555-0199`, 'US');
      expect(r.ok && r.kind).to.equal('toll-free');
    }
    expect(isTollFree('+12025550123')).to.equal(false);
    const sc = parsePhoneNumber('72345', 'US');
    expect(sc.ok && sc.kind).to.equal('short-code');
    const alpha = parsePhoneNumber('ACME', 'US');
    expect(alpha.ok && alpha.kind).to.equal('alphanumeric');
    expect(parseRecipient('72345', 'US').ok).to.equal(false);
    expect(parseRecipient('ACME', 'US').ok).to.equal(false);
  });

  it('formats for display per country, and never throws', () => {
    expect(formatPhoneNumber('+12025550123', { country: 'US' })).to.equal('(202) 555-0123');
    expect(formatPhoneNumber('+12025550123', { country: 'ES' })).to.equal('+1 202 555 0123');
    expect(formatPhoneNumber('72345')).to.equal('72345');
    expect(formatPhoneNumber('<b>x</b>')).to.equal('<b>x</b>');
  });

  it('offers "Send to" only for number-like input', () => {
    expect(looksLikePhoneNumber('(202) 555')).to.equal(true);
    expect(looksLikePhoneNumber('+44 20')).to.equal(true);
    expect(looksLikePhoneNumber('Ana')).to.equal(false);
    expect(looksLikePhoneNumber('12')).to.equal(false);
  });

  it('never throws and only yields E.164 (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('US', 'GB', 'ES', 'MX', 'XX', ''),
        (input, country) => {
          const out = normalizePhoneNumber(input, country);
          expect(out === null || E164.test(out)).to.equal(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on its own output (property)', () => {
    const digits = fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/);
    fc.assert(
      fc.property(digits, (d) => {
        const once = normalizePhoneNumber(d, 'US');
        if (once !== null) expect(normalizePhoneNumber(once, 'US')).to.equal(once);
      }),
    );
  });

  it('stays fast on huge input', () => {
    const r = parsePhoneNumber('1'.repeat(100_000), 'US');
    expect(r.ok).to.equal(false);
  });
});

describe('SMS encoding', () => {
  it('counts GSM-7 segments at the 160/153 boundaries', () => {
    expect(analyzeSms('').segments).to.equal(0);
    expect(analyzeSms('a'.repeat(160))).to.include({ encoding: 'GSM-7', segments: 1, remaining: 0 });
    expect(analyzeSms('a'.repeat(161))).to.include({ segments: 2, perSegment: 153 });
    expect(analyzeSms('a'.repeat(306)).segments).to.equal(2);
    expect(analyzeSms('a'.repeat(307)).segments).to.equal(3);
  });

  it('counts extension characters as two and never splits them', () => {
    const r = analyzeSms('€'.repeat(80));
    expect(r).to.include({ encoding: 'GSM-7', units: 160, segments: 1, characters: 80 });
    expect(analyzeSms('€'.repeat(81)).segments).to.equal(2);
    // 152 plain + one escape pair: the pair moves whole to the second part.
    const straddling = analyzeSms('a'.repeat(152) + '[' + 'a'.repeat(10));
    expect(straddling.segments).to.equal(2);
    expect(straddling.remaining).to.equal(153 - 12);
  });

  it('switches to UCS-2 at 70/67 and says which characters forced it', () => {
    const r = analyzeSms('Hi “there”');
    expect(r.encoding).to.equal('UCS-2');
    expect(r.unicodeCharacters).to.deep.equal(['“', '”']);
    expect(analyzeSms('ñ'.repeat(70)).encoding).to.equal('GSM-7');
    expect(analyzeSms('ç'.repeat(70))).to.include({ encoding: 'UCS-2', segments: 1 });
    expect(analyzeSms('ç'.repeat(71)).segments).to.equal(2);
    expect(analyzeSms('ç'.repeat(134)).segments).to.equal(2);
    expect(analyzeSms('ç'.repeat(135)).segments).to.equal(3);
  });

  it('counts emoji as one character and two units, never split', () => {
    const r = analyzeSms('👍');
    expect(r).to.include({ characters: 1, units: 2, encoding: 'UCS-2' });
    expect(analyzeSms('👍'.repeat(35)).segments).to.equal(1);
    expect(analyzeSms('👍'.repeat(36)).segments).to.equal(2);
    expect(analyzeSms('a' + '👍'.repeat(33)).segments).to.equal(1);
    // 66 units + a pair: the pair goes whole to the next part.
    const straddling = analyzeSms('a'.repeat(66) + '👍' + 'ç'.repeat(4));
    expect(straddling.segments).to.equal(2);
    expect(straddling.remaining).to.equal(67 - 6);
  });

  it('replaces smart punctuation with plain characters', () => {
    const r = toGsmFriendly('It’s “great” — really… ok\u00A0now');
    expect(r.text).to.equal('It\'s "great" - really... ok now');
    expect(r.remaining).to.deep.equal([]);
    expect(analyzeSms(r.text).encoding).to.equal('GSM-7');
    expect(toGsmFriendly('ok 👍').remaining).to.deep.equal(['👍']);
  });

  it('holds its invariants for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const r = analyzeSms(text);
        expect(r.segments === 0).to.equal(text.length === 0);
        expect(r.remaining).to.be.at.least(0);
        if (r.encoding === 'GSM-7' && r.units <= 160) expect(r.segments).to.be.at.most(1);
        const longer = analyzeSms(text + 'a');
        expect(longer.segments).to.be.at.least(r.segments);
        const friendly = toGsmFriendly(text);
        if (friendly.remaining.length === 0) expect(analyzeSms(friendly.text).encoding).to.equal('GSM-7');
      }),
      { numRuns: 500 },
    );
  });

  it('caps text at 1,600 characters', () => {
    expect(isOverSmsLimit('a'.repeat(SMS_MAX_CHARACTERS))).to.equal(false);
    expect(isOverSmsLimit('a'.repeat(SMS_MAX_CHARACTERS + 1))).to.equal(true);
  });
});

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('file types by content', () => {
  it('recognises formats by their magic bytes', () => {
    expect(sniffBytes(bytes([0xff, 0xd8, 0xff, 0xe0]), 'x.bin')?.kind).to.equal('jpg');
    expect(sniffBytes(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'a')?.kind).to.equal('png');
    expect(sniffBytes(bytes('GIF89a'), 'a')?.mime).to.equal('image/gif');
    expect(sniffBytes(bytes('%PDF-1.7'), 'a')?.kind).to.equal('pdf');
    expect(sniffBytes(bytes('PK', [3, 4]), 'report.docx')?.kind).to.equal('docx');
    expect(sniffBytes(bytes('PK', [3, 4]), 'budget.numbers')?.kind).to.equal('numbers');
    expect(sniffBytes(bytes('PK', [3, 4]), 'a.zip')?.kind).to.equal('zip');
    expect(sniffBytes(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls')?.kind).to.equal(
      'xls',
    );
    expect(sniffBytes(bytes('RIFF', [0, 0, 0, 0], 'WAVE'), 'a')?.family).to.equal('audio');
    expect(sniffBytes(bytes([0, 0, 0, 0x18], 'ftypmp42'), 'a')?.kind).to.equal('mp4');
    expect(sniffBytes(bytes([0, 0, 0, 0x18], 'ftypqt  '), 'a')?.kind).to.equal('mov');
    expect(sniffBytes(bytes('ID3'), 'a.mp3')?.kind).to.equal('mp3');
    expect(sniffBytes(bytes([0x1a, 0x45, 0xdf, 0xa3]), 'a')?.kind).to.equal('webm');
    expect(sniffBytes(bytes('just text'), 'notes.txt')).to.equal(null);
  });

  it('flags HTML and SVG as active whatever the name says', () => {
    expect(sniffBytes(bytes([0xef, 0xbb, 0xbf], '  <!DOCTYPE html><script>'), 'photo.jpg')).to.include({
      kind: 'html',
      active: true,
    });
    expect(sniffBytes(bytes('<?xml version="1.0"?>\n<svg onload="x()">'), 'cat.png')).to.include({
      kind: 'svg',
      active: true,
    });
    expect(sniffBytes(bytes('<svg xmlns="http://www.w3.org/2000/svg">'), 'a.svg')?.active).to.equal(true);
  });

  it('reads the head of a real File', async () => {
    const file = new File([bytes('%PDF-1.4 rest'), new Uint8Array(10_000)], 'a.pdf');
    expect((await detectFileType(file))?.kind).to.equal('pdf');
  });
});

describe('attachment policy', () => {
  const jpg = sniffBytes(bytes([0xff, 0xd8, 0xff]), 'a.jpg');
  const html = sniffBytes(bytes('<html>'), 'a.jpg');
  const file = (name: string, size: number, detected = jpg): CandidateFile => ({ name, size, detected });
  const local: OwnNumber = {
    number: '+12025550199',
    kind: 'local',
    capabilities: { sms: true, mms: true, group: true },
  };
  const tollFree: OwnNumber = {
    number: '+18005550199',
    kind: 'toll-free',
    capabilities: { sms: true, mms: false, group: false },
  };
  const policy = resolvePolicy(local);

  it('has the reference limits by default', () => {
    expect(DEFAULT_ATTACHMENT_POLICY).to.include({
      maxFileBytes: 2 * MB,
      maxMessageBytes: 3.5 * MB,
      maxFiles: 10,
    });
  });

  it('refuses a file of 2 MB + 1 byte, naming the file and the limit', () => {
    const { accepted, rejected } = checkAttachments(
      [],
      [file('big.jpg', 2 * MB + 1), file('ok.jpg', 2 * MB)],
      policy,
    );
    expect(accepted.map((f) => f.name)).to.deep.equal(['ok.jpg']);
    expect(rejected[0]!.violation.code).to.equal('file-too-large');
    expect(rejected[0]!.violation.message).to.contain('big.jpg').and.contain('2 MB');
  });

  it('refuses what takes the message past 3.5 MB, and an 11th file', () => {
    const r = checkAttachments(
      [{ name: 'a', size: 2 * MB }],
      [file('b.jpg', 1.5 * MB), file('c.jpg', 1)],
      policy,
    );
    expect(r.accepted.map((f) => f.name)).to.deep.equal(['b.jpg']);
    expect(r.rejected[0]!.violation.code).to.equal('message-too-large');
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, size: 10 }));
    const r2 = checkAttachments(ten, [file('eleven.jpg', 10)], policy);
    expect(r2.rejected[0]!.violation.code).to.equal('too-many-files');
  });

  it('decides the type by content: a .jpg that is HTML is refused', () => {
    const r = checkAttachments([], [file('photo.jpg', 100, html)], policy);
    expect(r.rejected[0]!.violation.code).to.equal('type-mismatch');
    const exe = checkAttachments([], [file('tool.exe', 100, null)], policy);
    expect(exe.rejected[0]!.violation.code).to.equal('type-not-allowed');
  });

  it('lets a number override the defaults field by field', () => {
    const custom = resolvePolicy({ ...local, policy: { maxFileBytes: 5 * MB } });
    expect(custom).to.include({ maxFileBytes: 5 * MB, maxMessageBytes: 3.5 * MB, maxFiles: 10 });
    expect(checkAttachments([], [file('x.jpg', 3 * MB)], custom).accepted.length).to.equal(1);
  });

  it('makes toll-free numbers SMS-only: no attachments, no group', () => {
    const p = resolvePolicy(tollFree);
    expect(p).to.include({ attachmentsAllowed: false, groupAllowed: false });
    expect(checkAttachments([], [file('a.jpg', 10)], p).rejected[0]!.violation.code).to.equal(
      'mms-not-allowed',
    );
    expect(checkRecipients(2, p)?.code).to.equal('group-not-allowed');
    expect(checkRecipients(1, p)).to.equal(null);
    expect(checkRecipients(5, policy)).to.equal(null);
  });

  it('formats sizes per locale', () => {
    expect(formatBytes(2 * MB)).to.equal('2 MB');
    expect(formatBytes(3.5 * MB)).to.equal('3.5 MB');
    expect(formatBytes(3.5 * MB, 'es')).to.equal('3,5 MB');
    expect(formatBytes(512 * 1024)).to.equal('512 KB');
  });
});
