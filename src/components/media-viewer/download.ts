import type { Attachment } from '../../model/attachment.js';
import { isActiveContent, isLoadableUrl } from '../../rules/media-preview.js';

/** Longest file name a download gets, extension included. */
export const MAX_FILE_NAME = 120;

/** Characters that are never kept: C0/C1 controls, bidi overrides and isolates, zero-width marks. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Characters file systems refuse, and path separators. */
const RESERVED_CHARACTERS = /[<>:"/\\|?*]/g;
/** Device names Windows reserves, with or without an extension. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * A file name that is safe to save under: no path (separators become `_`), no control,
 * bidi-override or zero-width characters (`invoice\u202Efdp.exe` → `invoicefdp.exe`), no
 * characters Windows refuses, no leading dots or trailing dots and spaces, no reserved device
 * name (`CON.txt` → `_CON.txt`), at most {@link MAX_FILE_NAME} characters keeping the extension.
 * An empty result becomes `fallback`.
 */
export function sanitizeFileName(name: string, fallback = 'file'): string {
  let clean = (typeof name === 'string' ? name : '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARACTERS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!clean || /^_+$/.test(clean)) clean = fallback;
  const dot = clean.lastIndexOf('.');
  const base = dot > 0 ? clean.slice(0, dot) : clean;
  let ext = dot > 0 ? clean.slice(dot) : '';
  if (ext.length > 16) ext = '';
  const stem = base.split('.')[0]!.trim();
  let head = RESERVED_NAMES.test(stem) ? `_${base}` : base;
  const chars = [...head];
  const room = MAX_FILE_NAME - ext.length;
  if (chars.length > room) head = chars.slice(0, room).join('').trimEnd();
  return head + ext;
}

/** What {@link downloadAttachment} needs besides the file; replaceable in tests. */
export interface DownloadOptions {
  /** The document to make the temporary link in (default: the global one). */
  readonly document?: Document;
  /** Fetches the file (default: the global `fetch`). */
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

/**
 * Saves an attachment under its sanitized name without ever navigating the page to it: the
 * bytes are fetched into a Blob typed `application/octet-stream` (so no browser can render it,
 * whatever it really is), a temporary `<a download>` is clicked and the object URL revoked.
 * When the file cannot be fetched (a cross-origin URL without CORS), a file that is not active
 * content is opened through a `download` link in a new browsing context (`_blank`, `noopener`),
 * so the page itself stays; active content is refused. Rejects when nothing could be done.
 */
export async function downloadAttachment(
  attachment: Attachment,
  options: DownloadOptions = {},
): Promise<void> {
  const doc = options.document ?? document;
  const name = sanitizeFileName(attachment.name);
  if (!isLoadableUrl(attachment.url)) throw new Error('This file has no address that can be downloaded.');
  const get = options.fetch ?? fetch.bind(globalThis);
  let blob: Blob | null = null;
  try {
    const response = await get(attachment.url, {
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    blob = await response.blob();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    blob = null;
  }
  const link = doc.createElement('a');
  link.download = name;
  link.rel = 'noopener noreferrer';
  link.style.display = 'none';
  if (blob) {
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
    link.href = url;
    doc.body.append(link);
    try {
      link.click();
    } finally {
      link.remove();
      // Revoke after the browser has taken the download.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
    return;
  }
  if (isActiveContent(attachment) || attachment.url.startsWith('blob:')) {
    throw new Error('The file could not be fetched.');
  }
  link.href = attachment.url;
  link.target = '_blank';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
  }
}
