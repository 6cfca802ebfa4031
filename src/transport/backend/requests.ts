/**
 * The checks of a request's values that both backends (the memory backend and the reference
 * server) make the same way: a scheduled time, a scheduled text, a list of attachment ids, the
 * uploaded files against the number's policy, a keyset cursor, the opted-out recipients of a
 * scheduled message. Pure: each backend passes its own `refuse` (the memory backend's
 * `TransportError('invalid')`, the server's 400) or maps the refusal it gets back.
 */
import { checkAttachments } from '../../rules/attachment-policy.js';
import type { ResolvedPolicy } from '../../rules/attachment-policy.js';
import type { DetectedFileType } from '../../rules/file-type.js';
import { optedOutMessage } from '../../rules/opt-out.js';
import { policyRefusal, textRefusal } from '../../rules/outgoing-message.js';
import { readKeysetCursor } from './cursors.js';
import type { KeysetCursor } from './cursors.js';

/** A backend's error for a refused value (code as in `docs/transport.md`). */
export type Refuse = (code: string, message: string) => Error;

/** Why files were refused: a code of the transport contract and the sentence for the person. */
export interface FilesRefusal {
  readonly code: string;
  readonly message: string;
}

/** A file as a backend stored it: its name, its size and its type by content. */
export interface StoredFile {
  readonly name: string;
  readonly size: number;
  readonly detected: DetectedFileType | null;
}

/** The time of a scheduled message: ms since the epoch, later than `now`. */
export function readSendAt(value: unknown, now: number, refuse: Refuse): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw refuse('bad-request', 'sendAt must be a time in ms since the epoch.');
  }
  if (value <= now) throw refuse('scheduled-in-past', 'Choose a time in the future.');
  return value;
}

/** The text of a scheduled message: the outgoing rule's length, blank only with a file. */
export function readScheduledText(text: unknown, attachments: number, refuse: Refuse): string {
  if (typeof text !== 'string') throw refuse('bad-request', 'text must be a string.');
  const refusal = textRefusal(text, attachments);
  if (refusal) throw refuse(refusal.code, refusal.message);
  return text;
}

/** The `attachmentIds` of a send or a scheduled message: a list of ids (absent: none), without repeats. */
export function readAttachmentIds(value: unknown, refuse: Refuse): string[] {
  const raw = value ?? [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) {
    throw refuse('bad-request', 'attachmentIds must be a list of ids.');
  }
  return [...new Set(raw as string[])];
}

/** The position in a keyset cursor; a cursor that is none is refused (`bad-cursor`). */
export function readKeyset(cursor: unknown, refuse: Refuse): KeysetCursor {
  const value = readKeysetCursor(cursor);
  if (!value) throw refuse('bad-cursor', 'The cursor is not valid.');
  return value;
}

/**
 * Why the first of `files` may not be sent from a number of `policy` (type by content, size,
 * count, total), or `undefined`. `early`: only the size is known yet (a declared upload size),
 * so an unknown type is not refused.
 */
export function filesRefusal(
  files: readonly StoredFile[],
  policy: ResolvedPolicy,
  early = false,
): FilesRefusal | undefined {
  const rejected = checkAttachments([], [...files], policy).rejected[0];
  if (!rejected || (early && rejected.violation.code === 'type-not-allowed')) return undefined;
  return policyRefusal(rejected.violation, policy);
}

/** Refuses scheduling in a chat where someone replied STOP (`recipient-opted-out`). */
export function checkNotOptedOut(
  participants: readonly string[],
  isOptedOut: (number: string) => boolean,
  refuse: Refuse,
): void {
  const optedOut = participants.filter(isOptedOut);
  if (optedOut.length) throw refuse('recipient-opted-out', optedOutMessage(optedOut));
}
