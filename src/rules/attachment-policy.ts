import type { OwnNumber } from '../model/account.js';
import type { AttachmentPolicy } from '../model/attachment.js';
import type { DetectedFileType } from './file-type.js';
import { isTollFree } from './phone.js';

/** One megabyte as the limits count it (1,048,576 bytes). */
export const MB = 1024 * 1024;

/**
 * The reference product's limits: 2 MB per file, 3.5 MB per message, 10 files; jpg, jpeg, gif,
 * png, pdf, ppt, doc, xls, pages, numbers, zip, audio and video. `doc`, `xls` and `ppt` also cover
 * their Office Open XML forms (docx, xlsx, pptx), as users expect.
 */
export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicy = {
  maxFileBytes: 2 * MB,
  maxMessageBytes: 3.5 * MB,
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
};

/** The limits that apply to one sending number. */
export interface ResolvedPolicy extends AttachmentPolicy {
  /** False for SMS-only numbers (toll-free): no attachments at all. */
  readonly attachmentsAllowed: boolean;
  /** False for SMS-only numbers: one recipient only. */
  readonly groupAllowed: boolean;
}

/** The defaults overridden field by field by the number's own policy; toll-free numbers are SMS-only. */
export function resolvePolicy(number?: OwnNumber): ResolvedPolicy {
  const own = number?.policy ?? {};
  const smsOnly = number ? number.kind === 'toll-free' || isTollFree(number.number) : false;
  return {
    maxFileBytes: own.maxFileBytes ?? DEFAULT_ATTACHMENT_POLICY.maxFileBytes,
    maxMessageBytes: own.maxMessageBytes ?? DEFAULT_ATTACHMENT_POLICY.maxMessageBytes,
    maxFiles: own.maxFiles ?? DEFAULT_ATTACHMENT_POLICY.maxFiles,
    allowedKinds: own.allowedKinds ?? DEFAULT_ATTACHMENT_POLICY.allowedKinds,
    attachmentsAllowed: !smsOnly && (number?.capabilities.mms ?? true),
    groupAllowed: !smsOnly && (number?.capabilities.group ?? true),
  };
}

const ALIASES: Record<string, string> = { jpeg: 'jpg', docx: 'doc', xlsx: 'xls', pptx: 'ppt' };

/** Whether a detected type is among the policy's kinds; active content never is. */
export function isKindAllowed(detected: DetectedFileType, policy: AttachmentPolicy): boolean {
  if (detected.active) return false;
  const kind = ALIASES[detected.kind] ?? detected.kind;
  return policy.allowedKinds.some((allowed) => {
    const a = allowed.toLowerCase();
    if (a === 'audio' || a === 'video') return detected.family === a;
    return (ALIASES[a] ?? a) === kind;
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
  readonly fileName?: string;
  readonly limit?: number;
  readonly message: string;
}

/** A file offered for a message, with the type its bytes show (`null`: unknown). */
export interface CandidateFile {
  readonly name: string;
  readonly size: number;
  readonly detected: DetectedFileType | null;
}

/** "2 MB", "512 KB", "3.5 MB" in the given locale. */
export function formatBytes(bytes: number, locale = 'en'): string {
  const fmt = (n: number, unit: string) => {
    let text: string;
    try {
      text = new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
    } catch {
      text = String(Math.round(n * 10) / 10);
    }
    return `${text} ${unit}`;
  };
  if (!Number.isFinite(bytes) || bytes < 0) return fmt(0, 'B');
  if (bytes < 1024) return fmt(bytes, 'B');
  if (bytes < MB) return fmt(bytes / 1024, 'KB');
  if (bytes < 1024 * MB) return fmt(bytes / MB, 'MB');
  return fmt(bytes / (1024 * MB), 'GB');
}

function claimedKind(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Checks files being added to a message that already has `existing` files, in order: allowed
 * at all, not empty, per-file size, type by content (a `.jpg` whose bytes are HTML is a
 * mismatch), count, and the running total. A refused file does not count toward the totals.
 */
export function checkAttachments(
  existing: readonly { readonly name: string; readonly size: number }[],
  incoming: readonly CandidateFile[],
  policy: ResolvedPolicy,
): { accepted: CandidateFile[]; rejected: { file: CandidateFile; violation: AttachmentViolation }[] } {
  const accepted: CandidateFile[] = [];
  const rejected: { file: CandidateFile; violation: AttachmentViolation }[] = [];
  let count = existing.length;
  let total = existing.reduce((sum, f) => sum + f.size, 0);
  const reject = (file: CandidateFile, code: AttachmentViolationCode, message: string, limit?: number) =>
    rejected.push({ file, violation: { code, fileName: file.name, limit, message } });
  for (const file of incoming) {
    const name = `“${file.name}”`;
    if (!policy.attachmentsAllowed) {
      reject(
        file,
        'mms-not-allowed',
        `${name} can't be sent: toll-free numbers can only send SMS, no attachments.`,
      );
      continue;
    }
    if (file.size === 0) {
      reject(file, 'empty-file', `${name} is empty.`);
      continue;
    }
    if (file.size > policy.maxFileBytes) {
      reject(
        file,
        'file-too-large',
        `${name} is ${formatBytes(file.size)}; the limit is ${formatBytes(policy.maxFileBytes)} per file.`,
        policy.maxFileBytes,
      );
      continue;
    }
    const detected = file.detected;
    if (!detected) {
      reject(file, 'type-not-allowed', `${name} is not a supported file type.`);
      continue;
    }
    const claimed = claimedKind(file.name);
    const claimedIsMedia = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic'].includes(claimed);
    if (detected.active || (claimedIsMedia && detected.family !== 'image')) {
      reject(
        file,
        'type-mismatch',
        `${name} is not what its name says (its content is ${detected.kind.toUpperCase()}).`,
      );
      continue;
    }
    if (!isKindAllowed(detected, policy)) {
      reject(
        file,
        'type-not-allowed',
        `${name} is a ${detected.kind.toUpperCase()} file, which can't be sent.`,
      );
      continue;
    }
    if (count + 1 > policy.maxFiles) {
      reject(
        file,
        'too-many-files',
        `${name} can't be added: at most ${policy.maxFiles} files per message.`,
        policy.maxFiles,
      );
      continue;
    }
    if (total + file.size > policy.maxMessageBytes) {
      reject(
        file,
        'message-too-large',
        `${name} can't be added: the files of one message can't exceed ${formatBytes(policy.maxMessageBytes)}.`,
        policy.maxMessageBytes,
      );
      continue;
    }
    count++;
    total += file.size;
    accepted.push(file);
  }
  return { accepted, rejected };
}

/** Refuses a group from a number that may only text one person. */
export function checkRecipients(count: number, policy: ResolvedPolicy): AttachmentViolation | null {
  if (count > 1 && !policy.groupAllowed) {
    return {
      code: 'group-not-allowed',
      limit: 1,
      message: 'Toll-free numbers can only send SMS: no group chats.',
    };
  }
  return null;
}
