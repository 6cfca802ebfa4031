import type { Attachment } from '../model/attachment.js';
import { claimedFileType } from './file-type.js';
import { MAX_IMAGE_PIXELS } from './media-info.js';

/**
 * How the viewer shows a file:
 * - `image` in an `<img>` (raster types only), `video`/`audio` with native controls;
 * - `pdf` in the browser's PDF viewer, once the bytes are verified (see the viewer);
 * - `card` — name, type, size and download — for everything else, and always for active content.
 */
export type PreviewKind = 'image' | 'video' | 'audio' | 'pdf' | 'card';

/** Raster image types an `<img>` may show. SVG is not one of them. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/pjpeg', 'image/png', 'image/gif', 'image/webp']);
const IMAGE_KINDS = new Set(['jpg', 'png', 'gif', 'webp']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/webm', 'video/ogg', 'video/quicktime']);
const VIDEO_KINDS = new Set(['mp4', 'webm', 'ogv', 'mov']);
const AUDIO_TYPES = new Set([
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/webm',
  'audio/flac',
]);
const AUDIO_KINDS = new Set(['mp3', 'm4a', 'aac', 'ogg', 'wav', 'webm', 'flac']);

/** Extensions of content that can run script when a browser renders it. */
const ACTIVE_EXTENSION =
  /\.(svgz?|html?|xht(ml)?|xml|xsl[t]?|js|mjs|jsx?|swf|hta|shtml?|php\d?|aspx?|jsp|mht(ml)?|eml|url|rdf|vbs|wsf)$/i;

/** Pixel count above which an image is not decoded (a decompression bomb). */
export const MAX_PREVIEW_PIXELS = MAX_IMAGE_PIXELS;

/** The MIME type without parameters, trimmed and in lower case (`'IMAGE/PNG; x=y '` → `'image/png'`). */
export function normalizeType(type: string): string {
  return (typeof type === 'string' ? type : '').split(';')[0]!.trim().toLowerCase();
}

/** Whether a URL may be given to `src`: http(s) and blob: only. */
export function isLoadableUrl(url: string): boolean {
  if (typeof url !== 'string' || !url) return false;
  try {
    const { protocol } = new URL(url, document.baseURI);
    return protocol === 'https:' || protocol === 'http:' || protocol === 'blob:';
  } catch {
    return false;
  }
}

/**
 * Whether the declared type or the name says the file is active content (SVG, HTML, XML,
 * script…). Such a file is never rendered; its download is typed `application/octet-stream`.
 */
export function isActiveContent(attachment: Pick<Attachment, 'name' | 'type'>): boolean {
  const type = normalizeType(attachment.type);
  const name = typeof attachment.name === 'string' ? attachment.name.trim() : '';
  if (ACTIVE_EXTENSION.test(name)) return true;
  if (claimedFileType(name)?.active) return true;
  return (
    /svg|html|xml|javascript|ecmascript|x-shockwave|x-sh\b|multipart|message\//.test(type) ||
    type === 'text/plain+html'
  );
}

/**
 * How to show a file, decided by its declared type AND its name (both untrusted): both must
 * agree on a family that cannot run script, and the URL must be http(s) or blob:. Everything
 * else is a card.
 */
export function previewKind(attachment: Attachment): PreviewKind {
  if (!isLoadableUrl(attachment.url) || isActiveContent(attachment)) return 'card';
  const type = normalizeType(attachment.type);
  const claimed = claimedFileType(attachment.name)?.kind ?? null;
  const agrees = (kinds: ReadonlySet<string>) => claimed === null || kinds.has(claimed);
  if (IMAGE_TYPES.has(type) && agrees(IMAGE_KINDS)) {
    const pixels = (attachment.width ?? 0) * (attachment.height ?? 0);
    return pixels > MAX_PREVIEW_PIXELS ? 'card' : 'image';
  }
  if (VIDEO_TYPES.has(type) && agrees(VIDEO_KINDS)) return 'video';
  if (AUDIO_TYPES.has(type) && agrees(AUDIO_KINDS)) return 'audio';
  if (type === 'application/pdf' && (claimed === null || claimed === 'pdf')) return 'pdf';
  return 'card';
}

/**
 * The short label of a file for its thumbnail when there is no image: the extension
 * (`PDF`, `DOCX`), or the family of its type.
 */
export function fileBadge(attachment: Attachment): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(typeof attachment.name === 'string' ? attachment.name.trim() : '');
  if (m) return m[1]!.toUpperCase();
  const sub = normalizeType(attachment.type).split('/')[1] ?? '';
  return /^[a-z0-9.+-]{1,5}$/.test(sub) ? sub.toUpperCase() : '?';
}
