import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { SNIFF_BYTES, claimedFileType, detectFileType, sniffBytes } from '../../src/rules/file-type.js';

/** Bytes from numbers and latin-1 strings. */
const bytes = (...parts: (readonly number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
};
/** An ISO media `ftyp` box with a major brand and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) =>
  bytes([0, 0, 0, 16 + compatible.length * 4], 'ftyp', major, [0, 0, 0, 0], compatible.join(''));

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]);
const PNG = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR');
const ZIP = bytes('PK', [3, 4, 20, 0, 0, 0]);
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EBML = [0x1a, 0x45, 0xdf, 0xa3] as const;

describe('sniffBytes: magic numbers', () => {
  const rows: readonly [
    label: string,
    head: Uint8Array,
    name: string,
    kind: string,
    mime: string,
    family: string,
  ][] = [
    ['JPEG', JPEG, 'x.bin', 'jpg', 'image/jpeg', 'image'],
    ['PNG', PNG, '', 'png', 'image/png', 'image'],
    ['GIF87a', bytes('GIF87a'), 'a', 'gif', 'image/gif', 'image'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'a.png', 'gif', 'image/gif', 'image'],
    ['a GIF/JS polyglot', bytes('GIF89a/*', [0, 0], '*/=alert(1)//'), 'a.gif', 'gif', 'image/gif', 'image'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a', 'webp', 'image/webp', 'image'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'IMG_0001.HEIC', 'heic', 'image/heic', 'image'],
    ['HEIF (mif1)', ftyp('mif1', 'heic'), 'a', 'heic', 'image/heic', 'image'],
    ['AVIF', ftyp('avif', 'mif1'), 'a', 'avif', 'image/avif', 'image'],
    ['AVIF (mif1 + avif)', ftyp('mif1', 'avif'), 'a', 'avif', 'image/avif', 'image'],
    ['TIFF little-endian', bytes('II*', [0]), 'a', 'tiff', 'image/tiff', 'image'],
    ['TIFF big-endian', bytes('MM', [0, 42]), 'a', 'tiff', 'image/tiff', 'image'],
    ['BMP', bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0]), 'a', 'bmp', 'image/bmp', 'image'],
    ['PDF', bytes('%PDF-1.7\n'), 'a', 'pdf', 'application/pdf', 'document'],
    ['ZIP', ZIP, 'a.zip', 'zip', 'application/zip', 'archive'],
    ['an empty ZIP', bytes('PK', [5, 6]), 'a', 'zip', 'application/zip', 'archive'],
    ['ZIP named .jar', ZIP, 'a.jar', 'zip', 'application/zip', 'archive'],
    [
      'DOCX',
      ZIP,
      'report.docx',
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'document',
    ],
    [
      'XLSX',
      ZIP,
      'BUDGET.XLSX',
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'document',
    ],
    [
      'PPTX',
      ZIP,
      'deck.pptx',
      'pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'document',
    ],
    ['Pages', ZIP, 'letter.pages', 'pages', 'application/vnd.apple.pages', 'document'],
    ['Numbers', ZIP, 'budget.numbers', 'numbers', 'application/vnd.apple.numbers', 'document'],
    ['Keynote', ZIP, 'talk.key', 'key', 'application/vnd.apple.keynote', 'document'],
    ['DOC', OLE, 'old.doc', 'doc', 'application/msword', 'document'],
    ['XLS', OLE, 'old.xls', 'xls', 'application/vnd.ms-excel', 'document'],
    ['PPT', OLE, 'old.ppt', 'ppt', 'application/vnd.ms-powerpoint', 'document'],
    ['OLE2 named .msi', OLE, 'setup.msi', 'cfb', 'application/x-cfb', 'other'],
    ['OLE2 without a name', OLE, '', 'cfb', 'application/x-cfb', 'other'],
    ['RTF', bytes('{\\rtf1\\ansi'), 'a', 'rtf', 'application/rtf', 'document'],
    ['MP3 (ID3)', bytes('ID3', [4, 0, 0]), 'song', 'mp3', 'audio/mpeg', 'audio'],
    ['MP3 (frame)', bytes([0xff, 0xfb, 0x90, 0x64]), 'song', 'mp3', 'audio/mpeg', 'audio'],
    ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80]), 'a', 'aac', 'audio/aac', 'audio'],
    ['M4A', ftyp('M4A ', 'isom'), 'a', 'm4a', 'audio/mp4', 'audio'],
    ['M4A with a generic brand', ftyp('isom', 'mp42'), 'voice.m4a', 'm4a', 'audio/mp4', 'audio'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'a', 'wav', 'audio/wav', 'audio'],
    [
      'Ogg Vorbis',
      bytes(
        'OggS',
        [0, 2],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 30, 1],
        'vorbis',
      ),
      'a',
      'ogg',
      'audio/ogg',
      'audio',
    ],
    ['AMR', bytes('#!AMR\n'), 'a', 'amr', 'audio/amr', 'audio'],
    ['FLAC', bytes('fLaC'), 'a', 'flac', 'audio/flac', 'audio'],
    ['MIDI', bytes('MThd', [0, 0, 0, 6]), 'a', 'mid', 'audio/midi', 'audio'],
    ['MP4', ftyp('mp42', 'isom', 'mp42'), 'a', 'mp4', 'video/mp4', 'video'],
    ['MP4 (isom)', ftyp('isom'), 'clip.mp4', 'mp4', 'video/mp4', 'video'],
    ['M4V', ftyp('M4V ', 'M4A ', 'mp42'), 'a', 'mp4', 'video/mp4', 'video'],
    ['MOV', ftyp('qt  ', 'qt  '), 'a', 'mov', 'video/quicktime', 'video'],
    ['MOV with a generic brand', ftyp('isom'), 'clip.MOV', 'mov', 'video/quicktime', 'video'],
    ['3GP', ftyp('3gp4', 'isom', '3gp4'), 'a', '3gp', 'video/3gpp', 'video'],
    ['3G2', ftyp('3g2a'), 'a', '3gp', 'video/3gpp', 'video'],
    [
      'WebM',
      bytes(EBML, [0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], 'webm'),
      'a',
      'webm',
      'video/webm',
      'video',
    ],
    [
      'MKV',
      bytes(EBML, [0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x88], 'matroska'),
      'a',
      'mkv',
      'video/x-matroska',
      'video',
    ],
    ['AVI', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'a', 'avi', 'video/x-msvideo', 'video'],
    [
      'Ogg Theora',
      bytes(
        'OggS',
        [0, 2],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 42, 0x80],
        'theora',
      ),
      'a',
      'ogv',
      'video/ogg',
      'video',
    ],
  ];
  for (const [label, head, name, kind, mime, family] of rows) {
    it(`recognises ${label}`, () => {
      expect(sniffBytes(head, name)).to.deep.equal({ kind, mime, family, active: false });
    });
  }

  it('decides by the bytes, not the name', () => {
    expect(sniffBytes(PNG, 'photo.jpg')?.kind).to.equal('png');
    expect(sniffBytes(JPEG, 'report.pdf')?.kind).to.equal('jpg');
    expect(sniffBytes(bytes('%PDF-1.4'), 'report.docx')?.kind).to.equal('pdf');
    // The extension only splits a container: a .docx name does not make a PDF a DOCX.
    expect(sniffBytes(ZIP, 'image.png')?.kind).to.equal('zip');
    expect(sniffBytes(OLE, 'image.png')?.kind).to.equal('cfb');
  });

  it('returns null for what it does not know', () => {
    for (const [head, name] of [
      [new Uint8Array(0), 'a.jpg'],
      [bytes([0xff, 0xd8]), 'a.jpg'],
      [bytes([0x89], 'PNG'), 'a.png'],
      [bytes('GIF88a'), 'a.gif'],
      [bytes('%PDF'), 'a.pdf'],
      [bytes('RIFF', [0, 0, 0, 0], 'XXXX'), 'a.wav'],
      [bytes([0, 0, 0, 0], 'ftypisom'), 'a.mp4'],
      [bytes('MZ', [0x90, 0]), 'tool.exe'],
      [bytes([0x7f], 'ELF'), 'a.jpg'],
      [bytes([0xff, 0xfe, 0xfd, 0xfc]), 'a'],
      [bytes('just some text'), 'notes'],
      [bytes('just some text'), 'photo.jpg'],
      [bytes('<ahem>'), 'a'],
      [bytes('BM', [0, 0, 0, 0]), 'a.bmp'],
    ] as const) {
      expect(sniffBytes(head, name), `${name}: ${Array.from(head).join(',')}`).to.equal(null);
    }
  });
});

describe('sniffBytes: active content', () => {
  const rows: readonly [label: string, head: Uint8Array, name: string, kind: 'html' | 'svg' | 'xml'][] = [
    ['a doctype', utf8('<!DOCTYPE html><html><script>alert(1)</script>'), 'photo.jpg', 'html'],
    ['lower-case <html>', utf8('<html><body>'), 'a.png', 'html'],
    ['<HTML> after white space', utf8(' \r\n\t <HTML>'), 'a', 'html'],
    ['a UTF-8 BOM and white space', bytes([0xef, 0xbb, 0xbf], '  <!doctype html>'), 'photo.jpg', 'html'],
    ['a UTF-16 BOM', utf16le('<html><script>alert(1)</script>'), 'photo.jpg', 'html'],
    ['a bare <script>', utf8('<script>alert(1)</script>'), 'a.txt', 'html'],
    ['<iframe', utf8('<iframe src="javascript:alert(1)">'), 'a', 'html'],
    ['<a href>', utf8('<a href="x">x</a>'), 'a', 'html'],
    ['<p>', utf8('<p>hi'), 'a', 'html'],
    ['<br/>', utf8('<br/>'), 'a', 'html'],
    ['a comment first', utf8('<!-- hi --><b>x</b>'), 'a', 'html'],
    ['XHTML', utf8('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'a.xml', 'html'],
    ['<svg', utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'), 'cat.svg', 'svg'],
    ['<svg> named .png', utf8('<svg><script>alert(1)</script></svg>'), 'cat.png', 'svg'],
    ['<?xml … <svg', utf8('<?xml version="1.0" encoding="UTF-8"?>\n<svg width="1">'), 'cat.png', 'svg'],
    [
      'a comment and a doctype before <svg',
      utf8('<?xml version="1.0"?><!-- made by x --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>'),
      'a.jpg',
      'svg',
    ],
    ['<SVG> after a BOM', bytes([0xef, 0xbb, 0xbf], '\n<SVG>'), 'a', 'svg'],
    ['other XML', utf8('<?xml version="1.0"?><note>hi</note>'), 'a.txt', 'xml'],
    ['markup in the middle of a .txt', utf8('hello\n<script>alert(1)</script>'), 'notes.txt', 'html'],
    ['an <svg> in a .csv', utf8('a,b\n1,<svg onload=alert(1)>'), 'data.csv', 'html'],
  ];
  for (const [label, head, name, kind] of rows) {
    it(`flags ${label} as ${kind}`, () => {
      expect(sniffBytes(head, name)).to.include({ kind, active: true });
    });
  }

  it('labels active content with its real MIME type', () => {
    expect(sniffBytes(utf8('<html>'), 'a.jpg')).to.deep.equal({
      kind: 'html',
      mime: 'text/html',
      family: 'other',
      active: true,
    });
    expect(sniffBytes(utf8('<svg>'), 'a.jpg')).to.deep.equal({
      kind: 'svg',
      mime: 'image/svg+xml',
      family: 'image',
      active: true,
    });
  });

  it('finds markup after any white space and BOM (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '\uFEFF'),
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 20 }),
        fc.constantFrom(
          '<!DOCTYPE html>',
          '<html>',
          '<SCRIPT>',
          '<svg>',
          '<?xml version="1.0"?><svg>',
          '<iframe ',
        ),
        fc.string({ maxLength: 50 }),
        fc.constantFrom('a.jpg', 'a.png', 'a.txt', 'a.pdf', 'a', 'a.gif'),
        (bom, space, tag, rest, name) => {
          expect(sniffBytes(utf8(bom + space + tag + rest), name)?.active).to.equal(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sniffBytes: text', () => {
  it('accepts verified plain text only under a text name', () => {
    expect(sniffBytes(utf8('Hello, world.\r\nSecond line\f'), 'notes.txt')).to.deep.equal({
      kind: 'txt',
      mime: 'text/plain',
      family: 'document',
      active: false,
    });
    expect(sniffBytes(utf8('a,b\n1,2\n'), 'data.CSV')?.kind).to.equal('csv');
    expect(sniffBytes(utf8('ñandú 👍'), 'utf8.txt')?.kind).to.equal('txt');
    expect(sniffBytes(utf8('hello'), 'hello')).to.equal(null);
    expect(sniffBytes(utf8('hello'), 'hello.md')).to.equal(null);
  });

  it('refuses "text" with binary bytes', () => {
    expect(sniffBytes(bytes('abc', [0], 'def'), 'a.txt')).to.equal(null);
    expect(sniffBytes(bytes('abc', [7], 'def'), 'a.txt')).to.equal(null);
    expect(sniffBytes(bytes('abc', [0xc3, 0x28]), 'a.txt')).to.equal(null);
    expect(sniffBytes(new Uint8Array(0), 'a.txt')).to.equal(null);
  });

  it('recognises vCards and calendars by content', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nTEL:+12025550123\r\nEND:VCARD\r\n';
    expect(sniffBytes(utf8(card), 'contact.vcf')).to.deep.equal({
      kind: 'vcf',
      mime: 'text/vcard',
      family: 'document',
      active: false,
    });
    expect(sniffBytes(utf8(card), 'noname')?.kind).to.equal('vcf');
    expect(sniffBytes(utf8('BEGIN:VCALENDAR\nVERSION:2.0\n'), 'a.ics')?.kind).to.equal('ics');
    expect(sniffBytes(utf8('BEGIN:VCARD\r\nFN:<script>alert(1)</script>\r\n'), 'a.vcf')?.active).to.equal(
      true,
    );
  });
});

describe('sniffBytes properties', () => {
  const known = new Set(
    'jpg png gif webp heic avif bmp tiff svg pdf doc xls ppt docx xlsx pptx pages numbers key rtf txt csv vcf ics zip mp3 aac m4a wav ogg amr flac mid mp4 mov 3gp webm mkv avi ogv html xml cfb'.split(
      ' ',
    ),
  );
  const names = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('a.jpg', 'a.docx', 'a.txt', 'a.doc', 'a.m4a', ''),
  );

  it('never throws, and only returns known kinds (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), names, (head, name) => {
        const r = sniffBytes(head, name);
        if (r) {
          expect(known.has(r.kind), r.kind).to.equal(true);
          expect(r.active).to.equal(['svg', 'html', 'xml'].includes(r.kind));
          expect(r.mime).to.match(/^[a-z]+\/[a-z0-9.+-]+$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('decides magic-number formats whatever follows and whatever the name (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          [JPEG, 'jpg'] as const,
          [PNG, 'png'] as const,
          [bytes('GIF89a'), 'gif'] as const,
          [bytes('%PDF-'), 'pdf'] as const,
        ),
        fc.uint8Array({ maxLength: 100 }),
        names,
        ([magic, kind], tail, name) => {
          const head = new Uint8Array([...magic, ...tail]);
          expect(sniffBytes(head, name)?.kind).to.equal(kind);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('claimedFileType', () => {
  it('reads the extension, with its other spellings', () => {
    expect(claimedFileType('photo.JPEG')?.kind).to.equal('jpg');
    expect(claimedFileType('photo.jpg ')?.kind).to.equal('jpg');
    expect(claimedFileType('scan.tif')?.kind).to.equal('tiff');
    expect(claimedFileType('page.htm')).to.include({ kind: 'html', active: true });
    expect(claimedFileType('a.svg')).to.include({ kind: 'svg', active: true });
    expect(claimedFileType('a.docx')).to.include({ kind: 'docx', family: 'document' });
    expect(claimedFileType('voice.opus')).to.include({ kind: 'ogg', family: 'audio' });
  });

  it('claims nothing without a known extension', () => {
    for (const name of [
      'README',
      'a.tar.gz',
      'tool.exe',
      'a.',
      '',
      'a.valueof',
      'a.constructor',
      'a.php%00.jpeg-',
    ]) {
      expect(claimedFileType(name), name).to.equal(null);
    }
    expect(claimedFileType('a.jpg.php')).to.equal(null);
    expect(claimedFileType('a.php.jpg')?.kind).to.equal('jpg');
  });
});

describe('detectFileType', () => {
  it('reads the head of a real File', async () => {
    const file = new File([bytes('%PDF-1.4 rest'), new Uint8Array(10_000)], 'a.pdf', { type: 'text/html' });
    expect(await detectFileType(file)).to.deep.equal({
      kind: 'pdf',
      mime: 'application/pdf',
      family: 'document',
      active: false,
    });
  });

  it('uses the File name for containers, and works for a nameless Blob', async () => {
    expect((await detectFileType(new File([ZIP], 'report.docx')))?.kind).to.equal('docx');
    expect((await detectFileType(new Blob([ZIP])))?.kind).to.equal('zip');
    expect((await detectFileType(new Blob([JPEG], { type: 'application/octet-stream' })))?.kind).to.equal(
      'jpg',
    );
  });

  it('finds HTML in a file named .jpg and declared image/jpeg', async () => {
    const file = new File(['<html><script>alert(1)</script></html>'], 'photo.jpg', { type: 'image/jpeg' });
    expect(await detectFileType(file)).to.include({ kind: 'html', active: true });
  });

  it(`reads only the first ${SNIFF_BYTES} bytes`, async () => {
    const calls: [number | undefined, number | undefined][] = [];
    const blob = new Blob([JPEG, new Uint8Array(100_000)]);
    const slice = blob.slice.bind(blob);
    const spy = Object.assign(blob, {
      slice: (start?: number, end?: number) => {
        calls.push([start, end]);
        return slice(start, end);
      },
    });
    expect((await detectFileType(spy))?.kind).to.equal('jpg');
    expect(calls).to.deep.equal([[0, 4100]]);
    // Markup past the head is not seen: the head alone decides.
    const late = new File([utf8('x'.repeat(5000) + '<script>')], 'notes.txt');
    expect((await detectFileType(late))?.kind).to.equal('txt');
  });

  it('accepts UTF-8 text cut inside a character at the end of the head', async () => {
    const file = new File([utf8('a' + 'é'.repeat(2100))], 'notes.txt');
    expect((await detectFileType(file))?.kind).to.equal('txt');
  });

  it('returns null for an empty file', async () => {
    expect(await detectFileType(new File([], 'a.jpg'))).to.equal(null);
  });
});
