/**
 * Why the client refused a command before it reached the backend (a send is checked by
 * `rules/outgoing-message.ts`, the rule the backends apply too):
 * - `no-texting-number`: the account has no number to send from (the "Oops" state).
 * - `account-unavailable`: the account has not been read yet (first start with no cache and no
 *   network); the client keeps trying to read it, so the same command works once it is back.
 * - `unknown-number`: `from` is not one of the account's numbers.
 * - `invalid-recipient`: a recipient is not a phone number that can receive texts (or is the sender).
 * - `emergency-number`: a recipient is an emergency number (911, 112, 999…): people must call it.
 * - `short-code`: a recipient is a short code (`12345`), which business numbers cannot text.
 * - `not-supported`: the transport lacks the optional method (saving saved replies).
 * - `no-recipients`, `empty-message`, `text-too-long`.
 * - `toll-free-sms-only`: a toll-free number cannot send attachments or address a group.
 * - `group-not-allowed`, `mms-not-allowed`: the sending number's policy allows no group, no files.
 * - `recipient-opted-out`: a recipient replied STOP.
 * - `throttled`: too many messages to one conversation in a short time.
 * - `unknown-conversation`, `unknown-message`, `destroyed`.
 * - `scheduling-unsupported`: the transport cannot send later; `scheduled-in-past`: the time
 *   chosen for a scheduled message has passed.
 */
export type ClientErrorCode =
  | 'no-texting-number'
  | 'account-unavailable'
  | 'unknown-number'
  | 'invalid-recipient'
  | 'emergency-number'
  | 'short-code'
  | 'not-supported'
  | 'no-recipients'
  | 'empty-message'
  | 'text-too-long'
  | 'toll-free-sms-only'
  | 'group-not-allowed'
  | 'mms-not-allowed'
  | 'recipient-opted-out'
  | 'throttled'
  | 'unknown-conversation'
  | 'unknown-message'
  | 'destroyed'
  | 'scheduling-unsupported'
  | 'scheduled-in-past';

/** Thrown by client commands for input the client refuses without asking the backend. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
