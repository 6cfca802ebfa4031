/** Broad family of a file, for icons, previews and the policy's `audio`/`video` kinds. */
export type FileFamily = 'image' | 'video' | 'audio' | 'document' | 'archive';

/** What a file really is, decided from its bytes. */
export interface DetectedFileType {
  /**
   * Canonical extension, lower case, without the dot: `jpg`, `png`, `gif`, `webp`, `heic`,
   * `avif`, `bmp`, `tiff`, `pdf`, `doc`, `xls`, `ppt`, `docx`, `xlsx`, `pptx`, `pages`,
   * `numbers`, `key`, `rtf`, `txt`, `csv`, `vcf`, `ics`, `zip`, `mp3`, `aac`, `m4a`, `wav`, `ogg`,
   * `amr`, `flac`, `mid`, `mp4`, `mov`, `3gp`, `webm`, `mkv`, `avi`, `ogv`, and the active
   * `svg`, `html`, `xml`; `cfb` is an OLE2 container that is not a known Office file.
   */
  readonly kind: string;
  /** The MIME type to label the file with (never the type the sender declared). */
  readonly mime: string;
  readonly family: FileFamily | 'other';
  /** Content that can run script when rendered (SVG, HTML, XML): never shown in the page. */
  readonly active: boolean;
}

/** How many leading bytes {@link detectFileType} reads. */
export const SNIFF_BYTES = 4100;

type Row = readonly [mime: string, family: FileFamily | 'other', active?: boolean];

/** Every kind this module can return. */
const KINDS: Readonly<Record<string, Row>> = {
  jpg: ['image/jpeg', 'image'],
  png: ['image/png', 'image'],
  gif: ['image/gif', 'image'],
  webp: ['image/webp', 'image'],
  heic: ['image/heic', 'image'],
  avif: ['image/avif', 'image'],
  bmp: ['image/bmp', 'image'],
  tiff: ['image/tiff', 'image'],
  svg: ['image/svg+xml', 'image', true],
  pdf: ['application/pdf', 'document'],
  doc: ['application/msword', 'document'],
  xls: ['application/vnd.ms-excel', 'document'],
  ppt: ['application/vnd.ms-powerpoint', 'document'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'document'],
  pages: ['application/vnd.apple.pages', 'document'],
  numbers: ['application/vnd.apple.numbers', 'document'],
  key: ['application/vnd.apple.keynote', 'document'],
  rtf: ['application/rtf', 'document'],
  txt: ['text/plain', 'document'],
  csv: ['text/csv', 'document'],
  vcf: ['text/vcard', 'document'],
  ics: ['text/calendar', 'document'],
  zip: ['application/zip', 'archive'],
  mp3: ['audio/mpeg', 'audio'],
  aac: ['audio/aac', 'audio'],
  m4a: ['audio/mp4', 'audio'],
  wav: ['audio/wav', 'audio'],
  ogg: ['audio/ogg', 'audio'],
  amr: ['audio/amr', 'audio'],
  flac: ['audio/flac', 'audio'],
  mid: ['audio/midi', 'audio'],
  mp4: ['video/mp4', 'video'],
  mov: ['video/quicktime', 'video'],
  '3gp': ['video/3gpp', 'video'],
  webm: ['video/webm', 'video'],
  mkv: ['video/x-matroska', 'video'],
  avi: ['video/x-msvideo', 'video'],
  ogv: ['video/ogg', 'video'],
  html: ['text/html', 'other', true],
  xml: ['application/xml', 'other', true],
  cfb: ['application/x-cfb', 'other'],
};

/** Other spellings of an extension, by canonical kind. */
const EXTENSION_ALIASES: Readonly<Record<string, string>> = {
  jpeg: 'jpg',
  jpe: 'jpg',
  jfif: 'jpg',
  heif: 'heic',
  tif: 'tiff',
  dot: 'doc',
  xlt: 'xls',
  pps: 'ppt',
  pot: 'ppt',
  vcard: 'vcf',
  mpga: 'mp3',
  oga: 'ogg',
  opus: 'ogg',
  midi: 'mid',
  m4v: 'mp4',
  qt: 'mov',
  '3g2': '3gp',
  htm: 'html',
  xhtml: 'html',
};

function type(kind: string): DetectedFileType {
  const [mime, family, active = false] = KINDS[kind]!;
  return { kind, mime, family, active };
}

function starts(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function uint32(bytes: Uint8Array, at: number, littleEndian = false): number {
  if (bytes.length < at + 4) return -1;
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, littleEndian);
}

/** The lower-case extension of a file name, without the dot (`''` when there is none). */
function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(typeof name === 'string' ? name.trim() : '');
  if (!m) return '';
  const ext = m[1]!.toLowerCase();
  return EXTENSION_ALIASES[ext] ?? ext;
}

/**
 * The type a file's name claims by its extension (`photo.JPEG` → `jpg`), or `null` for an
 * unknown or missing extension. A claim only: decide by {@link sniffBytes}, and use this to spot
 * a file whose name and content disagree.
 */
export function claimedFileType(name: string): DetectedFileType | null {
  const ext = extensionOf(name);
  return ext && Object.hasOwn(KINDS, ext) ? type(ext) : null;
}

/** ZIP containers told apart by extension. */
const ZIP_KINDS = new Set(['docx', 'xlsx', 'pptx', 'pages', 'numbers', 'key']);
/** OLE2 compound files told apart by extension. */
const OLE_KINDS = new Set(['doc', 'xls', 'ppt']);

/** ISO base media (`ftyp`) files: HEIC/AVIF images, M4A audio, MP4/MOV/3GP video. */
function isoMedia(head: Uint8Array, ext: string): DetectedFileType | null {
  const size = uint32(head, 0);
  if (size < 8 || ascii(head, 4, 8) !== 'ftyp') return null;
  const major = ascii(head, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, head.length, 256); at += 4)
    compatible.push(ascii(head, at, at + 4));
  if (/^(heic|heix|heim|heis|hevc|hevx)$/.test(major)) return type('heic');
  if (major === 'avif' || major === 'avis') return type('avif');
  if (major === 'mif1' || major === 'msf1') {
    return type(compatible.includes('avif') || compatible.includes('avis') ? 'avif' : 'heic');
  }
  if (/^M4[ABP] $/.test(major)) return type('m4a');
  if (major === 'qt  ') return type('mov');
  if (/^3g/.test(major)) return type('3gp');
  if (/^M4V/.test(major)) return type('mp4');
  // Generic brands (isom, mp41, mp42…) are shared by all of them: the extension decides.
  if (ext === 'm4a' || ext === 'aac') return type('m4a');
  if (ext === 'mov' || ext === '3gp') return type(ext);
  return type('mp4');
}

/** An MPEG audio frame header (MP3 and its layer I/II siblings) at the start. */
function mpegAudio(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return false;
  const version = (head[1]! >> 3) & 3;
  const layer = (head[1]! >> 1) & 3;
  const bitrate = head[2]! >> 4;
  const rate = (head[2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && rate !== 3;
}

/** The text of the head, decoded by its byte-order mark (UTF-8 when there is none), BOM removed. */
function decodeText(head: Uint8Array): string {
  let encoding = 'utf-8';
  if (starts(head, [0xff, 0xfe])) encoding = 'utf-16le';
  else if (starts(head, [0xfe, 0xff])) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
  } catch {
    return ascii(head, 0, head.length);
  }
}

/** Tags that make browsers sniff a file as HTML (WHATWG MIME Sniffing), and a few more. */
const HTML_START =
  /^<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|img|object|embed|form|!--)(?:[\s>/]|$)/i;
const SVG_START =
  /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?<svg(?:[\s>/]|$)/i;
/** Markup anywhere in a supposedly plain text file. */
const MARKUP_ANYWHERE = /<(?:script|html|svg|iframe|body|object|embed|meta|math|foreignobject)\b/i;

/** Whether the head is text: no NUL and no control characters but tab, line breaks and form feed. */
function isPlainText(head: Uint8Array, text: string): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  // The head may end inside a multi-byte character: ignore a trailing replacement character.
  const body = text.replace(/\uFFFD$/, '');
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/.test(body);
}

function markupOrText(head: Uint8Array, ext: string): DetectedFileType | null {
  const text = decodeText(head);
  const start = text.trimStart();
  if (SVG_START.test(start)) return type('svg');
  if (HTML_START.test(start)) return type('html');
  if (/^<\?xml/i.test(start)) return type(/<(?:html|svg)\b/i.test(start) ? 'html' : 'xml');
  if (!isPlainText(head, text)) return null;
  // Text is only "safe" when nothing in it could be read as markup.
  if (MARKUP_ANYWHERE.test(text)) return type('html');
  if (/^BEGIN:VCARD\r?\n/i.test(start)) return type('vcf');
  if (/^BEGIN:VCALENDAR\r?\n/i.test(start)) return type('ics');
  if (ext === 'txt' || ext === 'csv') return type(ext);
  return null;
}

/**
 * Decides a file's type from its first bytes (magic numbers), whatever its name says. The name's
 * extension is used only to tell apart formats that share a container — ZIP (`docx`, `xlsx`,
 * `pptx`, `pages`, `numbers`, `key`, else `zip`), OLE2 (`doc`, `xls`, `ppt`, else `cfb`) and
 * ISO media with a generic brand (`m4a`, `mov`, `3gp`, else `mp4`) — and to accept plain text as
 * `txt`/`csv` once the bytes are verified to be text without markup.
 *
 * Markup is detected after a byte-order mark and white space: HTML (`<!doctype html`, `<html`,
 * `<script`, …), SVG (`<svg`, `<?xml … <svg`) and other XML are returned as `active`. Returns
 * `null` when the bytes match no known format.
 */
export function sniffBytes(head: Uint8Array, name: string): DetectedFileType | null {
  const ext = extensionOf(name);
  if (starts(head, [0xff, 0xd8, 0xff])) return type('jpg');
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('png');
  const six = ascii(head, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return type('gif');
  if (ascii(head, 0, 5) === '%PDF-') return type('pdf');
  if (starts(head, [0x50, 0x4b]) && [0x0304, 0x0506, 0x0708].includes((head[2]! << 8) | head[3]!)) {
    return type(ZIP_KINDS.has(ext) ? ext : 'zip');
  }
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return type(OLE_KINDS.has(ext) ? ext : 'cfb');
  }
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WAVE') return type('wav');
    if (form === 'WEBP') return type('webp');
    if (form === 'AVI ') return type('avi');
  }
  const media = isoMedia(head, ext);
  if (media) return media;
  if (ascii(head, 0, 3) === 'ID3') return type('mp3');
  if (head.length >= 4 && head[0] === 0xff && (head[1]! & 0xf6) === 0xf0) return type('aac');
  if (mpegAudio(head)) return type('mp3');
  if (ascii(head, 0, 4) === 'OggS') {
    return type(/theora|\x80video/.test(ascii(head, 0, 128)) ? 'ogv' : 'ogg');
  }
  if (ascii(head, 0, 5) === '#!AMR') return type('amr');
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return type(ascii(head, 0, 64).includes('matroska') ? 'mkv' : 'webm');
  }
  if (ascii(head, 0, 4) === 'fLaC') return type('flac');
  if (ascii(head, 0, 4) === 'MThd') return type('mid');
  if (starts(head, [0x49, 0x49, 0x2a, 0x00]) || starts(head, [0x4d, 0x4d, 0x00, 0x2a])) return type('tiff');
  if (ascii(head, 0, 2) === 'BM' && [12, 40, 52, 56, 64, 108, 124].includes(uint32(head, 14, true))) {
    return type('bmp');
  }
  if (ascii(head, 0, 5) === '{\\rtf') return type('rtf');
  return markupOrText(head, ext);
}

/**
 * Reads the first {@link SNIFF_BYTES} bytes of a file (a browser `File`/`Blob`, or Node's) and
 * decides its type with {@link sniffBytes}, using `file.name` when there is one.
 */
export async function detectFileType(
  file: Blob & { readonly name?: string },
): Promise<DetectedFileType | null> {
  const buffer = await file.slice(0, SNIFF_BYTES).arrayBuffer();
  return sniffBytes(new Uint8Array(buffer), file.name ?? '');
}
