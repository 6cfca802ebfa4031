import type { OwnNumber } from '../model/account.js';
import type { AttachmentPolicy } from '../model/attachment.js';
import { claimedFileType } from './file-type.js';
import type { DetectedFileType } from './file-type.js';
import { isTollFree } from './phone.js';

/** One megabyte as the limits count it: 1024 × 1024 = 1,048,576 bytes (what people see as "MB"). */
export const MB = 1024 * 1024;

/**
 * The reference product's limits: 2 MB per file, 3.5 MB per message (MB = 1,048,576 bytes),
 * 10 files; jpg, jpeg, gif, png, pdf, ppt, doc, xls, pages, numbers, zip, audio and video.
 * `doc`, `xls` and `ppt` also cover their Office Open XML forms (`docx`, `xlsx`, `pptx`), as users
 * expect; `audio` and `video` cover every audio and video kind.
 */
export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicy = Object.freeze({
  maxFileBytes: 2 * MB,
  maxMessageBytes: 3.5 * MB,
  maxFiles: 10,
  allowedKinds: Object.freeze([
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
  ]),
});

/** The limits that apply to one sending number. */
export interface ResolvedPolicy extends AttachmentPolicy {
  /** False for SMS-only numbers (toll-free, or without MMS): no attachments at all. */
  readonly attachmentsAllowed: boolean;
  /** False for SMS-only numbers and numbers without group capability: one recipient only. */
  readonly groupAllowed: boolean;
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * The policy for sending from `number`: the defaults, overridden field by field by the number's
 * own `policy` (invalid override values are ignored). Toll-free numbers (kind `toll-free`, or a
 * toll-free E.164 number) and numbers without MMS are SMS-only: no attachments and no group.
 * Without a number, the defaults with everything allowed.
 */
export function resolvePolicy(number?: OwnNumber): ResolvedPolicy {
  const own = number?.policy ?? {};
  const tollFree = number ? number.kind === 'toll-free' || isTollFree(number.number) : false;
  const mms = !tollFree && (number?.capabilities?.mms ?? true);
  const kinds = Array.isArray(own.allowedKinds)
    ? own.allowedKinds.filter((k): k is string => typeof k === 'string')
    : DEFAULT_ATTACHMENT_POLICY.allowedKinds;
  return {
    maxFileBytes: limit(own.maxFileBytes, DEFAULT_ATTACHMENT_POLICY.maxFileBytes),
    maxMessageBytes: limit(own.maxMessageBytes, DEFAULT_ATTACHMENT_POLICY.maxMessageBytes),
    maxFiles: limit(own.maxFiles, DEFAULT_ATTACHMENT_POLICY.maxFiles),
    allowedKinds: kinds,
    attachmentsAllowed: mms,
    groupAllowed: mms && (number?.capabilities?.group ?? true),
  };
}

/** What an allowed kind covers besides itself. */
const COVERS: Readonly<Record<string, readonly string[]>> = {
  jpeg: ['jpg'],
  jpg: ['jpg'],
  doc: ['doc', 'docx'],
  xls: ['xls', 'xlsx'],
  ppt: ['ppt', 'pptx'],
  tif: ['tiff'],
  heif: ['heic'],
};
const FAMILIES = new Set(['image', 'audio', 'video', 'document', 'archive']);

/**
 * Whether a detected type is among the policy's kinds. A kind matches itself (case and a leading
 * dot ignored); `jpeg` and `jpg` are the same; `doc`, `xls`, `ppt` also match `docx`, `xlsx`,
 * `pptx` (not the other way round); a family name (`audio`, `video`, also `image`, `document`,
 * `archive`) matches every kind of that family. Active content (SVG, HTML, XML) never matches.
 */
export function isKindAllowed(detected: DetectedFileType, policy: AttachmentPolicy): boolean {
  if (detected.active) return false;
  return policy.allowedKinds.some((entry) => {
    const allowed = entry.trim().toLowerCase().replace(/^\./, '');
    if (FAMILIES.has(allowed)) return detected.family === allowed;
    return (COVERS[allowed] ?? [allowed]).includes(detected.kind);
  });
}

/** Why a file or a recipient list is refused. */
export type AttachmentViolationCode =
  | 'file-too-large'
  | 'message-too-large'
  | 'too-many-files'
  | 'type-not-allowed'
  | 'type-mismatch'
  | 'mms-not-allowed'
  | 'empty-file'
  | 'group-not-allowed';

/** A refused file (or recipient list) with a sentence that names the file and the limit. */
export interface AttachmentViolation {
  readonly code: AttachmentViolationCode;
  /** The refused file's name (absent for `group-not-allowed`). */
  readonly fileName?: string;
  /** The limit that was exceeded: bytes, files or recipients. */
  readonly limit?: number;
  /** A clear English sentence naming the file and the limit. */
  readonly message: string;
}

/** A file offered for a message, with the type its bytes show (`null`: unknown). */
export interface CandidateFile {
  readonly name: string;
  readonly size: number;
  readonly detected: DetectedFileType | null;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Number formats by language and digits: making one costs a millisecond or more (a thread's cards). */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale} ${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    } catch {
      format = new Intl.NumberFormat('en', { maximumFractionDigits: digits });
    }
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A size for people, in binary units (1 KB = 1024 bytes, 1 MB = 1024 KB) and the locale's number
 * format: "512 B", "512 KB", "2 MB", "3.5 MB" ("3,5 MB" in Spanish). One decimal below 10, none
 * from 10 up; a value that rounds to 1024 moves to the next unit. Invalid input reads "0 B".
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  for (;;) {
    const digits = unit === 0 || value >= 10 ? 0 : 1;
    const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
    if (rounded < 1024 || unit === UNITS.length - 1) {
      return `${numberFormat(locale, digits).format(rounded)} ${UNITS[unit]}`;
    }
    value /= 1024;
    unit++;
  }
}

/** `size` for a message about `limit`: exact bytes too when both would read the same. */
function sizeAgainst(size: number, limit: number): [size: string, limit: string] {
  const a = formatBytes(size);
  const b = formatBytes(limit);
  if (a !== b) return [a, b];
  const exact = new Intl.NumberFormat('en');
  return [`${a} (${exact.format(size)} bytes)`, `${b} (${exact.format(limit)} bytes)`];
}

/**
 * Checks files being added to a message that already has `existing` files. Each incoming file, in
 * order, is refused for the first rule it breaks:
 * 1. `mms-not-allowed` — the number is SMS-only;
 * 2. `empty-file` — 0 bytes;
 * 3. `file-too-large` — over `maxFileBytes`;
 * 4. `type-not-allowed` — content of no known type (`detected` is `null`);
 * 5. `type-mismatch` — the name claims one family and the bytes show another, or the content is
 *    active while the name claims something else (a `.jpg` whose bytes are HTML); a PNG named
 *    `.jpg` is fine;
 * 6. `type-not-allowed` — the detected kind is not in the policy (active content never is);
 * 7. `too-many-files` — over `maxFiles` with the existing and accepted files;
 * 8. `message-too-large` — the running total would exceed `maxMessageBytes`.
 *
 * A refused file does not count toward the totals, so a later smaller file may still fit.
 */
export function checkAttachments(
  existing: readonly { readonly name: string; readonly size: number }[],
  incoming: readonly CandidateFile[],
  policy: ResolvedPolicy,
): { accepted: CandidateFile[]; rejected: { file: CandidateFile; violation: AttachmentViolation }[] } {
  const accepted: CandidateFile[] = [];
  const rejected: { file: CandidateFile; violation: AttachmentViolation }[] = [];
  let count = existing.length;
  let total = existing.reduce((sum, f) => sum + (Number.isFinite(f.size) && f.size > 0 ? f.size : 0), 0);
  for (const file of incoming) {
    const violation = checkOne(file, policy, count, total);
    if (violation) {
      rejected.push({ file, violation });
    } else {
      count++;
      total += file.size;
      accepted.push(file);
    }
  }
  return { accepted, rejected };
}

function checkOne(
  file: CandidateFile,
  policy: ResolvedPolicy,
  count: number,
  total: number,
): AttachmentViolation | null {
  const fileName = file.name;
  const name = `"${file.name}"`;
  const violation = (code: AttachmentViolationCode, message: string, limit?: number) =>
    limit === undefined ? { code, fileName, message } : { code, fileName, limit, message };
  if (!policy.attachmentsAllowed) {
    return violation(
      'mms-not-allowed',
      `${name} can't be sent: this number can only send text messages (SMS), without attachments.`,
    );
  }
  if (!(file.size > 0)) return violation('empty-file', `${name} is empty.`);
  if (file.size > policy.maxFileBytes) {
    const [size, max] = sizeAgainst(file.size, policy.maxFileBytes);
    return violation(
      'file-too-large',
      `${name} is ${size}; the limit is ${max} per file.`,
      policy.maxFileBytes,
    );
  }
  const detected = file.detected;
  if (!detected)
    return violation('type-not-allowed', `${name} can't be sent: its file type is not supported.`);
  const claimed = claimedFileType(file.name);
  if (
    claimed &&
    claimed.kind !== detected.kind &&
    (claimed.family !== detected.family || detected.active !== claimed.active)
  ) {
    return violation(
      'type-mismatch',
      `${name} is not really a ${claimed.kind.toUpperCase()} file: its content is ${detected.kind.toUpperCase()}.`,
    );
  }
  if (!isKindAllowed(detected, policy)) {
    return violation(
      'type-not-allowed',
      `${name} is a ${detected.kind.toUpperCase()} file, which can't be sent.`,
    );
  }
  if (count + 1 > policy.maxFiles) {
    return violation(
      'too-many-files',
      `${name} can't be added; the limit is ${policy.maxFiles} files per message.`,
      policy.maxFiles,
    );
  }
  if (total + file.size > policy.maxMessageBytes) {
    const [size, max] = sizeAgainst(total + file.size, policy.maxMessageBytes);
    return violation(
      'message-too-large',
      `${name} can't be added: the files would total ${size}; the limit is ${max} per message.`,
      policy.maxMessageBytes,
    );
  }
  return null;
}

/**
 * Refuses a group (more than one recipient) from a number that may only text one person
 * (`group-not-allowed`, limit 1); `null` when the recipients are fine.
 */
export function checkRecipients(count: number, policy: ResolvedPolicy): AttachmentViolation | null {
  if (count > 1 && !policy.groupAllowed) {
    return {
      code: 'group-not-allowed',
      limit: 1,
      message: 'This number can only text one person at a time: group messages are not allowed.',
    };
  }
  return null;
}
