import type { AttachmentPolicy } from './attachment.js';

/** What kind of number a texting number is; toll-free numbers may only send SMS. */
export type NumberKind = 'local' | 'toll-free' | 'short-code';

/** What a texting number can do. */
export interface NumberCapabilities {
  /** Can send and receive SMS text. */
  readonly sms: boolean;
  /** Can send attachments (MMS). */
  readonly mms: boolean;
  /** Can address more than one recipient (group MMS). */
  readonly group: boolean;
}

/** One of the account's own texting numbers (a "From" choice). */
export interface OwnNumber {
  /** E.164, e.g. `+12025550142`. */
  readonly number: string;
  readonly kind: NumberKind;
  /** Optional human label ("Main line", "Support"). */
  readonly label?: string;
  readonly capabilities: NumberCapabilities;
  /** Per-number attachment limits; missing fields fall back to the defaults. */
  readonly policy?: Partial<AttachmentPolicy>;
}

/** The signed-in user of one account, with the numbers they text from. */
export interface Account {
  readonly id: string;
  readonly userId: string;
  /** Display name of the user. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 country used to read numbers typed without a country code. */
  readonly country: string;
  /** The user's texting numbers; empty means the "Oops" state (no number assigned). */
  readonly numbers: readonly OwnNumber[];
}
