import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DEFAULT_ATTACHMENT_POLICY,
  MB,
  checkAttachments,
  checkRecipients,
  formatBytes,
  isKindAllowed,
  resolvePolicy,
} from '../../src/rules/attachment-policy.js';
import type { CandidateFile, ResolvedPolicy } from '../../src/rules/attachment-policy.js';
import { detectFileType, sniffBytes } from '../../src/rules/file-type.js';
import type { DetectedFileType } from '../../src/rules/file-type.js';
import type { OwnNumber } from '../../src/model/account.js';

const JPEG_MAGIC = [0xff, 0xd8, 0xff, 0xe0];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A real File of `size` bytes whose content starts with `head`. */
function file(name: string, size: number, head: readonly number[] | string = JPEG_MAGIC): File {
  const start = typeof head === 'string' ? new TextEncoder().encode(head) : new Uint8Array(head);
  const bytes = new Uint8Array(size);
  bytes.set(start.subarray(0, size));
  return new File([bytes], name);
}

/** What the composer does: sniff each File, then check it. */
async function candidates(...files: File[]): Promise<CandidateFile[]> {
  return Promise.all(
    files.map(async (f) => ({ name: f.name, size: f.size, detected: await detectFileType(f) })),
  );
}

const detected = (kind: string): DetectedFileType => {
  const heads: Record<string, Uint8Array> = {
    jpg: new Uint8Array(JPEG_MAGIC),
    png: new Uint8Array(PNG_MAGIC),
    html: new TextEncoder().encode('<html>'),
  };
  return sniffBytes(heads[kind]!, 'x')!;
};

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

const codes = (r: ReturnType<typeof checkAttachments>) => r.rejected.map((x) => x.violation.code);
const names = (list: readonly CandidateFile[]) => list.map((f) => f.name);

describe('DEFAULT_ATTACHMENT_POLICY', () => {
  it('has the reference limits, with MB = 1024 × 1024 bytes', () => {
    expect(MB).to.equal(1_048_576);
    expect(DEFAULT_ATTACHMENT_POLICY).to.deep.equal({
      maxFileBytes: 2_097_152,
      maxMessageBytes: 3_670_016,
      maxFiles: 10,
      allowedKinds: [
        'jpg',
        'jpeg',
        'gif',
        'png',
        'pdf',
        'ppt',
        'doc',
        'xls',
        'pages',
        'numbers',
        'zip',
        'audio',
        'video',
      ],
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_ATTACHMENT_POLICY)).to.equal(true);
    expect(Object.isFrozen(DEFAULT_ATTACHMENT_POLICY.allowedKinds)).to.equal(true);
  });
});

describe('resolvePolicy', () => {
  it('allows everything by default, and for a local number with MMS', () => {
    for (const p of [resolvePolicy(), resolvePolicy(local)]) {
      expect(p).to.deep.equal({ ...DEFAULT_ATTACHMENT_POLICY, attachmentsAllowed: true, groupAllowed: true });
    }
  });

  it('makes toll-free numbers SMS-only', () => {
    expect(resolvePolicy(tollFree)).to.include({ attachmentsAllowed: false, groupAllowed: false });
    // Even when misconfigured with MMS capabilities, or a toll-free number filed as local.
    const claimsMms = { ...tollFree, capabilities: { sms: true, mms: true, group: true } };
    expect(resolvePolicy(claimsMms)).to.include({ attachmentsAllowed: false, groupAllowed: false });
    const filedAsLocal: OwnNumber = { ...local, number: '+18885550199' };
    expect(resolvePolicy(filedAsLocal)).to.include({ attachmentsAllowed: false, groupAllowed: false });
  });

  it('follows the capabilities: no MMS means no attachments and no group', () => {
    const noMms = { ...local, capabilities: { sms: true, mms: false, group: true } };
    expect(resolvePolicy(noMms)).to.include({ attachmentsAllowed: false, groupAllowed: false });
    const noGroup = { ...local, capabilities: { sms: true, mms: true, group: false } };
    expect(resolvePolicy(noGroup)).to.include({ attachmentsAllowed: true, groupAllowed: false });
  });

  it("overrides the defaults field by field with the number's policy", () => {
    const custom = resolvePolicy({ ...local, policy: { maxFileBytes: 5 * MB } });
    expect(custom).to.deep.equal({
      ...DEFAULT_ATTACHMENT_POLICY,
      maxFileBytes: 5 * MB,
      attachmentsAllowed: true,
      groupAllowed: true,
    });
    const all = resolvePolicy({
      ...local,
      policy: { maxFileBytes: 1, maxMessageBytes: 2, maxFiles: 3, allowedKinds: ['png'] },
    });
    expect(all).to.include({ maxFileBytes: 1, maxMessageBytes: 2, maxFiles: 3 });
    expect(all.allowedKinds).to.deep.equal(['png']);
    expect(resolvePolicy({ ...local, policy: { maxFiles: 0 } }).maxFiles).to.equal(0);
  });

  it('ignores override values that are not limits', () => {
    const broken = {
      ...local,
      policy: { maxFileBytes: Number.NaN, maxMessageBytes: -1, maxFiles: '3', allowedKinds: 'jpg' },
    } as unknown as OwnNumber;
    expect(resolvePolicy(broken)).to.deep.equal(resolvePolicy(local));
  });
});

describe('isKindAllowed', () => {
  const allowed = [
    'jpg',
    'png',
    'gif',
    'pdf',
    'doc',
    'docx',
    'xls',
    'xlsx',
    'ppt',
    'pptx',
    'pages',
    'numbers',
    'zip',
  ];
  const audioVideo = [
    'mp3',
    'aac',
    'm4a',
    'wav',
    'ogg',
    'amr',
    'flac',
    'mid',
    'mp4',
    'mov',
    '3gp',
    'webm',
    'mkv',
    'avi',
    'ogv',
  ];
  const refused = [
    'webp',
    'heic',
    'avif',
    'bmp',
    'tiff',
    'key',
    'rtf',
    'txt',
    'csv',
    'vcf',
    'ics',
    'cfb',
    'svg',
    'html',
    'xml',
  ];
  // Every kind, as sniffBytes would return it.
  const kinds: Record<string, DetectedFileType> = {};
  function probe(kind: string, family: DetectedFileType['family'], active = false): void {
    kinds[kind] = { kind, mime: 'x/y', family, active };
  }
  for (const k of ['jpg', 'png', 'gif', 'webp', 'heic', 'avif', 'bmp', 'tiff']) probe(k, 'image');
  for (const k of [
    'pdf',
    'doc',
    'docx',
    'xls',
    'xlsx',
    'ppt',
    'pptx',
    'pages',
    'numbers',
    'key',
    'rtf',
    'txt',
    'csv',
    'vcf',
    'ics',
  ])
    probe(k, 'document');
  for (const k of ['mp3', 'aac', 'm4a', 'wav', 'ogg', 'amr', 'flac', 'mid']) probe(k, 'audio');
  for (const k of ['mp4', 'mov', '3gp', 'webm', 'mkv', 'avi', 'ogv']) probe(k, 'video');
  probe('zip', 'archive');
  probe('cfb', 'other');
  probe('svg', 'image', true);
  probe('html', 'other', true);
  probe('xml', 'other', true);

  for (const kind of [...allowed, ...audioVideo]) {
    it(`allows ${kind} by default`, () =>
      expect(isKindAllowed(kinds[kind]!, DEFAULT_ATTACHMENT_POLICY)).to.equal(true));
  }
  for (const kind of refused) {
    it(`refuses ${kind} by default`, () =>
      expect(isKindAllowed(kinds[kind]!, DEFAULT_ATTACHMENT_POLICY)).to.equal(false));
  }

  const only = (...allowedKinds: string[]) => ({ ...DEFAULT_ATTACHMENT_POLICY, allowedKinds });

  it('lets doc/xls/ppt cover their OOXML forms, not the other way round', () => {
    expect(isKindAllowed(kinds.docx!, only('doc'))).to.equal(true);
    expect(isKindAllowed(kinds.doc!, only('docx'))).to.equal(false);
    expect(isKindAllowed(kinds.docx!, only('docx'))).to.equal(true);
    expect(isKindAllowed(kinds.xlsx!, only('xls'))).to.equal(true);
    expect(isKindAllowed(kinds.pptx!, only('ppt'))).to.equal(true);
    expect(isKindAllowed(kinds.pptx!, only('doc'))).to.equal(false);
  });

  it('reads kinds without case, dot or white space; jpeg and jpg are one', () => {
    expect(isKindAllowed(kinds.png!, only('.PNG'))).to.equal(true);
    expect(isKindAllowed(kinds.png!, only(' png '))).to.equal(true);
    expect(isKindAllowed(kinds.jpg!, only('jpeg'))).to.equal(true);
    expect(isKindAllowed(kinds.jpg!, only('JPG'))).to.equal(true);
    expect(isKindAllowed(kinds.png!, only())).to.equal(false);
  });

  it('matches families', () => {
    expect(isKindAllowed(kinds.m4a!, only('audio'))).to.equal(true);
    expect(isKindAllowed(kinds.mp4!, only('audio'))).to.equal(false);
    expect(isKindAllowed(kinds.mp4!, only('video'))).to.equal(true);
    expect(isKindAllowed(kinds.webp!, only('image'))).to.equal(true);
    expect(isKindAllowed(kinds.txt!, only('document'))).to.equal(true);
    expect(isKindAllowed(kinds.zip!, only('archive'))).to.equal(true);
  });

  it('never allows active content, even when listed', () => {
    expect(isKindAllowed(kinds.svg!, only('svg', 'image'))).to.equal(false);
    expect(isKindAllowed(kinds.html!, only('html'))).to.equal(false);
    expect(isKindAllowed(kinds.xml!, only('xml', 'other'))).to.equal(false);
  });
});

describe('checkAttachments', () => {
  it('accepts a file of exactly 2 MB and refuses 2 MB + 1 byte, naming the file and the limit', async () => {
    const r = checkAttachments(
      [],
      await candidates(file('big.jpg', 2 * MB + 1), file('ok.jpg', 2 * MB)),
      policy,
    );
    expect(names(r.accepted)).to.deep.equal(['ok.jpg']);
    expect(r.rejected).to.have.length(1);
    expect(r.rejected[0]!.file.name).to.equal('big.jpg');
    expect(r.rejected[0]!.violation).to.deep.equal({
      code: 'file-too-large',
      fileName: 'big.jpg',
      limit: 2 * MB,
      message: '"big.jpg" is 2 MB (2,097,153 bytes); the limit is 2 MB (2,097,152 bytes) per file.',
    });
  });

  it('says the sizes plainly when they differ', async () => {
    const r = checkAttachments(
      [],
      await candidates(file('report.pdf', Math.round(2.4 * MB), '%PDF-1.7')),
      policy,
    );
    expect(r.rejected[0]!.violation.message).to.equal('"report.pdf" is 2.4 MB; the limit is 2 MB per file.');
  });

  it('fills a message up to exactly 3.5 MB and no further', async () => {
    const r = checkAttachments(
      [{ name: 'a.jpg', size: 2 * MB }],
      await candidates(file('b.jpg', 1.5 * MB - 4), file('c.jpg', 5), file('d.jpg', 4)),
      policy,
    );
    expect(names(r.accepted)).to.deep.equal(['b.jpg', 'd.jpg']);
    expect(r.rejected.map((x) => x.violation)).to.deep.equal([
      {
        code: 'message-too-large',
        fileName: 'c.jpg',
        limit: 3.5 * MB,
        message:
          '"c.jpg" can\'t be added: the files would total 3.5 MB (3,670,017 bytes); the limit is 3.5 MB (3,670,016 bytes) per message.',
      },
    ]);
  });

  it('counts the running total across the incoming files', async () => {
    const r = checkAttachments([], await candidates(file('a.jpg', 2 * MB), file('b.jpg', 2 * MB)), policy);
    expect(names(r.accepted)).to.deep.equal(['a.jpg']);
    expect(r.rejected[0]!.violation.message).to.equal(
      '"b.jpg" can\'t be added: the files would total 4 MB; the limit is 3.5 MB per message.',
    );
  });

  it('does not count a refused file toward the totals', async () => {
    const r = checkAttachments(
      [{ name: 'a.jpg', size: 2 * MB }],
      await candidates(file('huge.jpg', 3 * MB), file('page.jpg', 10, '<html>'), file('fits.jpg', 1.5 * MB)),
      policy,
    );
    expect(names(r.accepted)).to.deep.equal(['fits.jpg']);
    expect(codes(r)).to.deep.equal(['file-too-large', 'type-mismatch']);
  });

  it('refuses the 11th file', async () => {
    const eleven = await candidates(...Array.from({ length: 11 }, (_, i) => file(`f${i + 1}.jpg`, 100)));
    const r = checkAttachments([], eleven, policy);
    expect(r.accepted).to.have.length(10);
    expect(r.rejected).to.have.length(1);
    expect(r.rejected[0]!.violation).to.deep.equal({
      code: 'too-many-files',
      fileName: 'f11.jpg',
      limit: 10,
      message: '"f11.jpg" can\'t be added; the limit is 10 files per message.',
    });
    const existing = Array.from({ length: 10 }, (_, i) => ({ name: `e${i}.jpg`, size: 10 }));
    expect(codes(checkAttachments(existing, eleven.slice(0, 2), policy))).to.deep.equal([
      'too-many-files',
      'too-many-files',
    ]);
  });

  it('lets ten good files through even when bad ones come between them', async () => {
    const files = await candidates(
      ...Array.from({ length: 12 }, (_, i) =>
        i % 3 === 1 ? file(`bad${i}.svg`, 10, '<svg>') : file(`ok${i}.png`, 10, PNG_MAGIC),
      ),
      ...Array.from({ length: 3 }, (_, i) => file(`more${i}.png`, 10, PNG_MAGIC)),
    );
    const r = checkAttachments([], files, policy);
    expect(r.accepted).to.have.length(10);
    expect(codes(r)).to.deep.equal([
      'type-not-allowed',
      'type-not-allowed',
      'type-not-allowed',
      'type-not-allowed',
      'too-many-files',
    ]);
  });

  it('decides the type by content: HTML named .jpg is a mismatch', async () => {
    const html = file('photo.jpg', 200, '<!DOCTYPE html><script>alert(1)</script>');
    const r = checkAttachments([], await candidates(html), policy);
    expect(r.accepted).to.deep.equal([]);
    expect(r.rejected[0]!.violation).to.deep.equal({
      code: 'type-mismatch',
      fileName: 'photo.jpg',
      message: '"photo.jpg" is not really a JPG file: its content is HTML.',
    });
  });

  const typeRows: readonly [name: string, head: readonly number[] | string, code: string | null][] = [
    ['cat.png', '<svg onload="alert(1)">', 'type-mismatch'],
    ['notes.txt', '<html>', 'type-mismatch'],
    ['invoice.pdf', 'PK\u0003\u0004', 'type-mismatch'],
    ['photo.jpg', '%PDF-1.4', 'type-mismatch'],
    ['song.mp3', '%PDF-1.4', 'type-mismatch'],
    ['cat.svg', '<svg>', 'type-not-allowed'],
    ['page.html', '<html>', 'type-not-allowed'],
    ['tool.exe', 'MZ\u0090\u0000', 'type-not-allowed'],
    ['photo.jpg', 'just text', 'type-not-allowed'],
    ['a.webp', 'RIFF\u0000\u0000\u0000\u0000WEBP', 'type-not-allowed'],
    ['setup.msi', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'type-not-allowed'],
    ['renamed.jpg', PNG_MAGIC, null],
    ['photo', JPEG_MAGIC, null],
    ['photo.bin', JPEG_MAGIC, null],
    ['report.docx', 'PK\u0003\u0004', null],
    ['old.doc', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], null],
    ['budget.numbers', 'PK\u0003\u0004', null],
    ['archive.zip', 'PK\u0003\u0004', null],
    ['voice.m4a', '\u0000\u0000\u0000\u0010ftypisom\u0000\u0000\u0000\u0000', null],
    ['voice.amr', '#!AMR\n', null],
    ['clip.mov', '\u0000\u0000\u0000\u0010ftypqt  \u0000\u0000\u0000\u0000', null],
    ['song.mp3', 'ID3\u0004', null],
  ];
  for (const [name, head, code] of typeRows) {
    it(`${code ? `refuses (${code})` : 'accepts'} ${name} with ${JSON.stringify(typeof head === 'string' ? head.slice(0, 12) : 'its bytes')}`, async () => {
      const r = checkAttachments([], await candidates(file(name, 64, head)), policy);
      expect(codes(r)).to.deep.equal(code ? [code] : []);
      if (code) expect(r.rejected[0]!.violation.message).to.contain(`"${name}"`);
    });
  }

  it('names the detected kind when refusing a type', async () => {
    const r = checkAttachments(
      [],
      await candidates(file('a.webp', 64, 'RIFF\u0000\u0000\u0000\u0000WEBP')),
      policy,
    );
    expect(r.rejected[0]!.violation.message).to.equal('"a.webp" is a WEBP file, which can\'t be sent.');
    const unknown = checkAttachments([], await candidates(file('tool.exe', 64, 'MZ')), policy);
    expect(unknown.rejected[0]!.violation.message).to.equal(
      '"tool.exe" can\'t be sent: its file type is not supported.',
    );
  });

  it('refuses empty files', async () => {
    const r = checkAttachments([], await candidates(new File([], 'empty.jpg')), policy);
    expect(r.rejected[0]!.violation).to.deep.equal({
      code: 'empty-file',
      fileName: 'empty.jpg',
      message: '"empty.jpg" is empty.',
    });
    expect(
      codes(checkAttachments([], [{ name: 'n', size: Number.NaN, detected: detected('jpg') }], policy)),
    ).to.deep.equal(['empty-file']);
  });

  it('refuses every file from an SMS-only number', async () => {
    const sms = resolvePolicy(tollFree);
    const r = checkAttachments([], await candidates(file('a.jpg', 10), new File([], 'b.jpg')), sms);
    expect(r.accepted).to.deep.equal([]);
    expect(codes(r)).to.deep.equal(['mms-not-allowed', 'mms-not-allowed']);
    expect(r.rejected[0]!.violation.message).to.equal(
      '"a.jpg" can\'t be sent: this number can only send text messages (SMS), without attachments.',
    );
  });

  it('checks the size before the type, so the size alone can refuse a file early', () => {
    // The upload path checks { detected: null } before any byte moves; only the size may refuse.
    const early = checkAttachments([], [{ name: 'x.jpg', size: 3 * MB, detected: null }], policy);
    expect(codes(early)).to.deep.equal(['file-too-large']);
    const fine = checkAttachments([], [{ name: 'x.jpg', size: MB, detected: null }], policy);
    expect(codes(fine)).to.deep.equal(['type-not-allowed']);
    const html = checkAttachments([], [{ name: 'x.jpg', size: 3 * MB, detected: detected('html') }], policy);
    expect(codes(html)).to.deep.equal(['file-too-large']);
  });

  it("applies a number's own limits", () => {
    const custom = resolvePolicy({
      ...local,
      policy: { maxFileBytes: 5 * MB, maxMessageBytes: 6 * MB, maxFiles: 2 },
    });
    const files = [3, 3, 0.1].map((mb, i) => ({
      name: `${i}.jpg`,
      size: mb * MB,
      detected: detected('jpg'),
    }));
    const r = checkAttachments([], files, custom);
    expect(names(r.accepted)).to.deep.equal(['0.jpg', '1.jpg']);
    expect(codes(r)).to.deep.equal(['too-many-files']);
    expect(r.rejected[0]!.violation.limit).to.equal(2);
  });

  it('keeps its invariants for any files (property)', () => {
    const kinds = fc.constantFrom<DetectedFileType | null>(
      null,
      detected('jpg'),
      detected('png'),
      detected('html'),
    );
    const candidate = fc.record({
      name: fc.constantFrom<string>('a.jpg', 'b.png', 'c', 'd.pdf', 'e.svg'),
      size: fc.oneof(fc.integer({ min: 0, max: 3 * MB }), fc.constantFrom(0, 1, 2 * MB, 2 * MB + 1)),
      detected: kinds,
    });
    const existingFile = fc.record({
      name: fc.constant('old.jpg'),
      size: fc.integer({ min: 1, max: 2 * MB }),
    });
    const policies = fc.constantFrom<ResolvedPolicy>(policy, resolvePolicy(tollFree), {
      ...policy,
      maxFiles: 3,
      maxMessageBytes: 3 * MB,
    });
    fc.assert(
      fc.property(
        fc.array(existingFile, { maxLength: 4 }),
        fc.array(candidate, { maxLength: 14 }),
        policies,
        (existing, incoming, p) => {
          const r = checkAttachments(existing, incoming, p);
          // A partition of the incoming files, each side in the original order.
          expect(r.accepted.length + r.rejected.length).to.equal(incoming.length);
          const merged = incoming.filter(
            (f) => r.accepted.includes(f) || r.rejected.some((x) => x.file === f),
          );
          expect(merged).to.deep.equal(incoming);
          expect(r.accepted.filter((f) => incoming.includes(f))).to.deep.equal(r.accepted);
          if (!p.attachmentsAllowed) expect(r.accepted).to.deep.equal([]);
          const total = r.accepted.reduce(
            (n, f) => n + f.size,
            existing.reduce((n, f) => n + f.size, 0),
          );
          if (r.accepted.length) {
            expect(total).to.be.at.most(p.maxMessageBytes);
            expect(existing.length + r.accepted.length).to.be.at.most(p.maxFiles);
          }
          for (const f of r.accepted) {
            expect(f.size).to.be.within(1, p.maxFileBytes);
            expect(f.detected && isKindAllowed(f.detected, p)).to.equal(true);
          }
          for (const { file: f, violation } of r.rejected) {
            expect(violation.fileName).to.equal(f.name);
            expect(violation.message).to.contain(`"${f.name}"`);
            if (violation.limit !== undefined && violation.code !== 'too-many-files') {
              expect(violation.message).to.contain(formatBytes(violation.limit));
            }
          }
          // Checked again on their own, the accepted files are all accepted.
          expect(checkAttachments([], r.accepted, p).accepted).to.deep.equal(r.accepted);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('checkRecipients', () => {
  it('refuses a group from a number that cannot text groups', () => {
    const sms = resolvePolicy(tollFree);
    expect(checkRecipients(2, sms)).to.deep.equal({
      code: 'group-not-allowed',
      limit: 1,
      message: 'This number can only text one person at a time: group messages are not allowed.',
    });
    expect(checkRecipients(30, sms)?.code).to.equal('group-not-allowed');
  });

  it('lets one recipient through from any number, and groups from group numbers', () => {
    expect(checkRecipients(0, resolvePolicy(tollFree))).to.equal(null);
    expect(checkRecipients(1, resolvePolicy(tollFree))).to.equal(null);
    expect(checkRecipients(2, policy)).to.equal(null);
    expect(checkRecipients(50, resolvePolicy())).to.equal(null);
  });
});

describe('formatBytes', () => {
  const rows: readonly [bytes: number, text: string, locale?: string][] = [
    [0, '0 B'],
    [1, '1 B'],
    [512, '512 B'],
    [1023, '1,023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10 * 1024 + 400, '10 KB'],
    [512 * 1024, '512 KB'],
    [MB - 1, '1 MB'],
    [MB, '1 MB'],
    [2 * MB, '2 MB'],
    [2 * MB + 1, '2 MB'],
    [2.4 * MB, '2.4 MB'],
    [3.5 * MB, '3.5 MB'],
    [9.96 * MB, '10 MB'],
    [150 * MB, '150 MB'],
    [1024 * MB, '1 GB'],
    [3.5 * MB, '3,5 MB', 'es'],
    [1.5 * 1024, '1,5 KB', 'de'],
    [2 * MB, '2 MB', 'es'],
    [-1, '0 B'],
    [Number.NaN, '0 B'],
    [Number.POSITIVE_INFINITY, '0 B'],
    [3.5 * MB, '3.5 MB', 'not a locale!'],
  ];
  for (const [bytes, text, locale] of rows) {
    it(`shows ${bytes} bytes${locale ? ` in ${locale}` : ''} as ${text}`, () => {
      expect(locale ? formatBytes(bytes, locale) : formatBytes(bytes)).to.equal(text);
    });
  }

  it('never shows 1024 of a unit, and never throws (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: false }),
        fc.constantFrom('en', 'es', 'fr', 'de', 'ar', 'xx-invalid-!'),
        (n, locale) => {
          const text = formatBytes(n, locale);
          expect(text).to.match(/ (B|KB|MB|GB|TB)$/);
          if (!text.endsWith('TB') && (locale === 'en' || locale === 'xx-invalid-!')) {
            expect(Number(text.split(' ')[0]!.replace(/,/g, ''))).to.be.below(1024);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
