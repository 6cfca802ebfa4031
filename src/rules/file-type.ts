/** Broad family of a file, for icons, previews and the policy's `audio`/`video` kinds. */
export type FileFamily = 'image' | 'video' | 'audio' | 'document' | 'archive';

/** What a file really is, decided from its bytes. */
export interface DetectedFileType {
  /** Canonical extension: `jpg`, `png`, `gif`, `pdf`, `docx`, `mp4`, `svg`, `html`… */
  readonly kind: string;
  readonly mime: string;
  readonly family: FileFamily | 'other';
  /** Content that can run script when rendered (SVG, HTML, XML): never shown in the page. */
  readonly active: boolean;
}

/** How many leading bytes {@link detectFileType} reads. */
export const SNIFF_BYTES = 4100;

function t(kind: string, mime: string, family: FileFamily | 'other', active = false): DetectedFileType {
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

function extension(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

const ZIP_KINDS: Record<string, DetectedFileType> = {
  docx: t('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'),
  xlsx: t('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'),
  pptx: t('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'document'),
  pages: t('pages', 'application/vnd.apple.pages', 'document'),
  numbers: t('numbers', 'application/vnd.apple.numbers', 'document'),
  key: t('key', 'application/vnd.apple.keynote', 'document'),
};
const OLE_KINDS: Record<string, DetectedFileType> = {
  doc: t('doc', 'application/msword', 'document'),
  xls: t('xls', 'application/vnd.ms-excel', 'document'),
  ppt: t('ppt', 'application/vnd.ms-powerpoint', 'document'),
};

/**
 * Decides a file's type from its first bytes (magic numbers), using the name only to tell apart
 * formats that share a container (ZIP: docx/xlsx/pptx/pages/numbers; OLE2: doc/xls/ppt).
 * Markup is detected as active content (HTML, SVG, XML) whatever the name says.
 * Returns `null` when the bytes match no known format.
 */
export function sniffBytes(head: Uint8Array, name: string): DetectedFileType | null {
  const ext = extension(name);
  if (starts(head, [0xff, 0xd8, 0xff])) return t('jpg', 'image/jpeg', 'image');
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return t('png', 'image/png', 'image');
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return t('gif', 'image/gif', 'image');
  if (ascii(head, 0, 5) === '%PDF-') return t('pdf', 'application/pdf', 'document');
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) {
    return ZIP_KINDS[ext] ?? t('zip', 'application/zip', 'archive');
  }
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return OLE_KINDS[ext] ?? t('doc', 'application/msword', 'document');
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WAVE') return t('wav', 'audio/wav', 'audio');
    if (form === 'WEBP') return t('webp', 'image/webp', 'image');
    if (form === 'AVI ') return t('avi', 'video/x-msvideo', 'video');
  }
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (/^(heic|heix|mif1|msf1|hevc)/.test(brand)) return t('heic', 'image/heic', 'image');
    if (/^M4A|^M4B/.test(brand)) return t('m4a', 'audio/mp4', 'audio');
    if (/^qt/.test(brand)) return t('mov', 'video/quicktime', 'video');
    if (/^3g/.test(brand)) return t('3gp', 'video/3gpp', 'video');
    return t('mp4', 'video/mp4', 'video');
  }
  if (
    ascii(head, 0, 3) === 'ID3' ||
    (head.length > 1 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && ext === 'mp3')
  ) {
    return t('mp3', 'audio/mpeg', 'audio');
  }
  if (ascii(head, 0, 4) === 'OggS') return t('ogg', 'audio/ogg', 'audio');
  if (ascii(head, 0, 5) === '#!AMR') return t('amr', 'audio/amr', 'audio');
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return t('webm', 'video/webm', 'video');
  if (ascii(head, 0, 4) === 'fLaC') return t('flac', 'audio/flac', 'audio');
  // Markup: skip a BOM and white space, then look at the first tag.
  const text = ascii(head, 0, 1024)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype\s+html|html|head|body|script|iframe|meta|title|a\s|div|img|style)/.test(text)) {
    return t('html', 'text/html', 'other', true);
  }
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/.test(text)) {
    return t('svg', 'image/svg+xml', 'image', true);
  }
  if (text.startsWith('<?xml')) return t('xml', 'application/xml', 'other', true);
  return null;
}

/** Reads the first bytes of a file (browser `File`/`Blob`, or Node's `Blob`) and decides its type. */
export async function detectFileType(
  file: Blob & { readonly name?: string },
): Promise<DetectedFileType | null> {
  const buffer = await file.slice(0, SNIFF_BYTES).arrayBuffer();
  return sniffBytes(new Uint8Array(buffer), file.name ?? '');
}
