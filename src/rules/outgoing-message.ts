import type { OwnNumber } from '../model/account.js';
import { checkRecipients, resolvePolicy } from './attachment-policy.js';
import type { AttachmentViolation, ResolvedPolicy } from './attachment-policy.js';
import { isE164 } from './e164.js';
import { optedOutMessage } from './opt-out.js';
import { parsePhoneNumber } from './phone.js';
import { SMS_MAX_CHARACTERS, isOverSmsLimit } from './sms-encoding.js';
import { emergencyNumber, isShortCode } from './special-numbers.js';

/** Longest text of one message, in code points (what carriers accept). */
export const MAX_TEXT = SMS_MAX_CHARACTERS;

/**
 * Why an outgoing message is refused. The client throws them as `ClientError` codes; the
 * backends answer them as `invalid` transport errors (see {@link backendCode}).
 */
export type OutgoingRefusalCode =
  | 'no-recipients'
  | 'emergency-number'
  | 'short-code'
  | 'invalid-recipient'
  | 'group-not-allowed'
  | 'toll-free-sms-only'
  | 'mms-not-allowed'
  | 'text-too-long'
  | 'empty-message'
  | 'recipient-opted-out';

/** A refusal with a clear English sentence. */
export interface OutgoingRefusal {
  readonly code: OutgoingRefusalCode;
  readonly message: string;
}

/** A message about to be sent, as the composer, the client or a backend sees it. */
export interface OutgoingMessage {
  /** The recipients as given (duplicates allowed; anything that is not a string is refused). */
  readonly to: readonly unknown[];
  readonly text: string;
  /** How many files go with it (their own limits are {@link checkAttachments}'). */
  readonly attachments: number;
  /** The number it is sent from. */
  readonly own: OwnNumber;
  /** The account's country, for reading short codes and national numbers (default `US`). */
  readonly country?: string;
  /** Whether a recipient replied STOP to {@link own} (default: nobody did). */
  readonly isOptedOut?: (recipient: string) => boolean;
}

/** The verdict: the recipients, each once, or the first reason to refuse. */
export type OutgoingCheck =
  | { readonly ok: true; readonly to: readonly string[]; readonly policy: ResolvedPolicy }
  | { readonly ok: false; readonly refusal: OutgoingRefusal };

function refuse(code: OutgoingRefusalCode, message: string): OutgoingCheck {
  return { ok: false, refusal: { code, message } };
}

/**
 * A violation of the sending number's policy as a refusal: on an SMS-only number (toll-free, or
 * without MMS) a group or a file is `toll-free-sms-only`, the words people know.
 */
export function policyRefusal(violation: AttachmentViolation, policy: ResolvedPolicy): OutgoingRefusal {
  const smsOnly = !policy.groupAllowed && !policy.attachmentsAllowed;
  if (smsOnly && violation.code === 'group-not-allowed') {
    return { code: 'toll-free-sms-only', message: 'Toll-free numbers can only send SMS: no group chats.' };
  }
  if (smsOnly && violation.code === 'mms-not-allowed') {
    return { code: 'toll-free-sms-only', message: 'Toll-free numbers can only send SMS: no attachments.' };
  }
  return { code: violation.code as OutgoingRefusalCode, message: violation.message };
}

/** Why `recipient` cannot be texted from `own`, or `null`. */
function recipientRefusal(recipient: unknown, own: string, country: string): OutgoingCheck | null {
  if (typeof recipient === 'string') {
    // First, so no path (element, API or backend) can text an emergency number.
    const emergency = emergencyNumber(recipient);
    if (emergency) {
      return refuse(
        'emergency-number',
        `${emergency} is an emergency number. Call it: texts can't be sent to emergency services from here.`,
      );
    }
    if (isShortCode(recipient, country)) {
      return refuse('short-code', `${recipient} is a short code: business numbers can't text short codes.`);
    }
  }
  const parsed = isE164(recipient) ? parsePhoneNumber(recipient, country) : null;
  const textable = parsed?.ok && (parsed.kind === 'standard' || parsed.kind === 'toll-free');
  if (!textable || parsed.e164 !== recipient || recipient === own) {
    return refuse('invalid-recipient', `${String(recipient)} is not a phone number that can receive texts.`);
  }
  return null;
}

/** Who a message goes to and from (the recipients' half of {@link OutgoingMessage}). */
export type OutgoingRecipients = Pick<OutgoingMessage, 'to' | 'own' | 'country' | 'isOptedOut'>;

/**
 * The recipients' half of {@link checkOutgoing} (what starting a new chat needs): at least one
 * recipient; no emergency number, no short code; each an E.164 number that can receive texts and
 * not the sender; nobody who replied STOP; a group only where the number allows it. Who before
 * what: a chat someone left by STOP is refused whatever is typed.
 */
export function checkOutgoingRecipients(message: OutgoingRecipients): OutgoingCheck {
  const { own } = message;
  const country = message.country ?? 'US';
  const to = [...new Set(message.to)];
  if (to.length === 0) return refuse('no-recipients', 'Add at least one recipient.');
  for (const recipient of to) {
    const refusal = recipientRefusal(recipient, own.number, country);
    if (refusal) return refusal;
  }
  const recipients = to as string[];
  const optedOut = message.isOptedOut ? recipients.filter(message.isOptedOut) : [];
  if (optedOut.length) return refuse('recipient-opted-out', optedOutMessage(optedOut));
  const policy = resolvePolicy(own);
  const group = checkRecipients(to.length, policy);
  if (group) return { ok: false, refusal: policyRefusal(group, policy) };
  return { ok: true, to: recipients, policy };
}

/**
 * What is wrong with the text of a message with `attachments` files, or `null`: over
 * {@link MAX_TEXT} characters, or nothing to send (blank text and no file).
 */
export function textRefusal(text: string, attachments = 0): OutgoingRefusal | null {
  if (isOverSmsLimit(text)) {
    return { code: 'text-too-long', message: `A message can't be longer than ${MAX_TEXT} characters.` };
  }
  if (!text.trim() && attachments === 0) {
    return { code: 'empty-message', message: 'Type a message or attach a file.' };
  }
  return null;
}

/**
 * The content's half of {@link checkOutgoing}, for a message to recipients already accepted under
 * `policy`: at most {@link MAX_TEXT} characters; files only where the number allows them; some
 * text or a file.
 */
export function checkOutgoingContent(
  message: Pick<OutgoingMessage, 'text' | 'attachments'>,
  policy: ResolvedPolicy,
): OutgoingRefusal | null {
  const { text, attachments } = message;
  if (isOverSmsLimit(text)) return textRefusal(text);
  if (attachments > 0 && !policy.attachmentsAllowed) {
    const violation: AttachmentViolation = {
      code: 'mms-not-allowed',
      message: 'This number cannot send attachments.',
    };
    return policyRefusal(violation, policy);
  }
  return textRefusal(text, attachments);
}

/**
 * The one rule for an outgoing message: the recipients ({@link checkOutgoingRecipients}), then
 * the content ({@link checkOutgoingContent}). The composer, the client, the memory backend and
 * the reference server all apply it.
 */
export function checkOutgoing(message: OutgoingMessage): OutgoingCheck {
  const checked = checkOutgoingRecipients(message);
  if (!checked.ok) return checked;
  const refusal = checkOutgoingContent(message, checked.policy);
  return refusal ? { ok: false, refusal } : checked;
}

/**
 * The transport error code of a refusal: the transport carries only E.164 recipients, so a
 * backend answers a missing recipient, an emergency number and a short code as `invalid-recipient`.
 */
export function backendCode(code: OutgoingRefusalCode): string {
  return code === 'no-recipients' || code === 'emergency-number' || code === 'short-code'
    ? 'invalid-recipient'
    : code;
}
