import type { OwnNumber } from '../../model/account.js';
import { checkOutgoing, textRefusal } from '../../rules/outgoing-message.js';
import type { OutgoingRefusal, OutgoingRefusalCode } from '../../rules/outgoing-message.js';

/** Why the composer cannot send now (`null`: it can). */
export type SendLock = 'empty' | 'uploading' | 'limit' | 'locked' | 'resolving' | null;

/** What the send lock is decided from: the message as it stands in the composer. */
export interface SendLockInput {
  /** The conversation written to, if known. */
  readonly id: string | null;
  /** The sending number, once the account is read. */
  readonly own: OwnNumber | undefined;
  readonly to: readonly string[];
  readonly text: string;
  /** Files attached (uploaded or not). */
  readonly files: number;
  readonly uploading: boolean;
  /** A file failed its upload or checks. */
  readonly failed: boolean;
  readonly country: string;
  /** Recipients of the chat who replied STOP. */
  readonly optedOut: readonly string[];
}

/** Refusals that no typing can fix: the composer is locked (its banner says why). */
const LOCKING: ReadonlySet<OutgoingRefusalCode> = new Set([
  'no-recipients',
  'emergency-number',
  'short-code',
  'invalid-recipient',
  'recipient-opted-out',
]);

/** Why sending is not possible now, if it is not: the outgoing-message rule first, then the files. */
export function sendLock(input: SendLockInput): SendLock {
  if (!input.id && !input.to.length) return 'locked';
  const refusal = outgoingRefusal(input);
  if (refusal && LOCKING.has(refusal.code)) return 'locked';
  // The account and the chat of `participants` are still being read: a press now would do nothing.
  if (!input.id || !input.own) return 'resolving';
  if (input.uploading) return 'uploading';
  if (input.failed) return 'limit';
  if (refusal) return refusal.code === 'empty-message' ? 'empty' : 'limit';
  return null;
}

/** What the outgoing-message rule says of the message as typed (the client checks it again). */
function outgoingRefusal({ own, to, text, files, country, optedOut }: SendLockInput): OutgoingRefusal | null {
  // A chat still loading: only the text can be judged.
  if (!own || !to.length) return textRefusal(text, files);
  const checked = checkOutgoing({
    to,
    text,
    attachments: files,
    own,
    country,
    isOptedOut: (n) => optedOut.includes(n),
  });
  return checked.ok ? null : checked.refusal;
}
