import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

/**
 * What a sender or recipient address is:
 * `standard` (a regular phone number), `toll-free` (+1 800/833/844/855/866/877/888),
 * `short-code` (5–6 digits, US/CA) or `alphanumeric` (a sender name such as "ACME").
 */
export type PhoneKind = 'standard' | 'toll-free' | 'short-code' | 'alphanumeric';

/** Why a typed number was refused. */
export type PhoneError =
  'empty' | 'too-short' | 'too-long' | 'invalid' | 'extension' | 'invalid-country' | 'not-a-number';

/** The result of reading a typed number. */
export type PhoneParseResult =
  | { readonly ok: true; readonly e164: string; readonly kind: PhoneKind }
  | { readonly ok: false; readonly error: PhoneError; readonly message: string };

/** Longest input we read; anything longer is not a phone number. */
const MAX_INPUT = 64;
const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const KEYPAD: Record<string, string> = {
  A: '2',
  B: '2',
  C: '2',
  D: '3',
  E: '3',
  F: '3',
  G: '4',
  H: '4',
  I: '4',
  J: '5',
  K: '5',
  L: '5',
  M: '6',
  N: '6',
  O: '6',
  P: '7',
  Q: '7',
  R: '7',
  S: '7',
  T: '8',
  U: '8',
  V: '8',
  W: '9',
  X: '9',
  Y: '9',
  Z: '9',
};
const MESSAGES: Record<PhoneError, string> = {
  empty: 'Enter a phone number.',
  'too-short': 'This number is too short.',
  'too-long': 'This number is too long.',
  invalid: 'This is not a valid phone number.',
  extension: 'Text messages cannot be sent to an extension.',
  'invalid-country': 'This country code does not exist.',
  'not-a-number': 'This is not a phone number.',
};

function fail(error: PhoneError): PhoneParseResult {
  return { ok: false, error, message: MESSAGES[error] };
}

/**
 * Cleans what people paste: `tel:` prefixes, invisible characters, full-width and other
 * Unicode digits, the various dashes and spaces.
 */
function clean(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/^\s*tel:/i, '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(/\p{Nd}/gu, (d) => String(Number.parseInt(d, 10)))
    .trim();
}

/** Whether the text is made of digits and phone punctuation (what the recipient picker offers "Send to" for). */
export function looksLikePhoneNumber(query: string): boolean {
  const text = clean(query);
  if (!text || text.length > MAX_INPUT) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 3 && /^[+\d\s().\-/]*$/.test(text.replace(/\s*(ext|x|#)\.?\s*\d+$/i, ''));
}

/** Toll-free numbers of the North American plan. */
export function isTollFree(e164: string): boolean {
  return TOLL_FREE.test(e164);
}

/** The kind of an address already in stored form (E.164, short code digits, or a sender name). */
export function phoneKind(address: string): PhoneKind {
  if (/^\d{5,6}$/.test(address)) return 'short-code';
  if (/[A-Za-z]/.test(address)) return 'alphanumeric';
  return isTollFree(address) ? 'toll-free' : 'standard';
}

/**
 * Reads a typed phone number as E.164, with `defaultCountry` for numbers without `+`.
 * Accepts the forms people type — `(202) 555-0123`, `+1 202…`, `tel:` links, Unicode digits,
 * vanity letters (`1-800-FLOWERS`, read on the phone keypad) — and refuses extensions,
 * too short or too long input and numbers that cannot exist. Short codes (5–6 digits) and
 * alphanumeric sender names are recognised as such.
 */
export function parsePhoneNumber(input: string, defaultCountry: string): PhoneParseResult {
  if (typeof input !== 'string') return fail('not-a-number');
  let text = clean(input);
  if (!text) return fail('empty');
  if (text.length > MAX_INPUT) return fail('too-long');
  if (/(ext\.?|extension|x|#|;ext=)\s*\d+\s*$/i.test(text) || /,\d+$/.test(text)) return fail('extension');
  if (/^[A-Za-z][A-Za-z0-9 .&-]{1,10}$/.test(text) && /[A-Za-z]{2}/.test(text) && !/\d{4}/.test(text)) {
    return text.length >= 3 ? { ok: true, e164: text.trim(), kind: 'alphanumeric' } : fail('not-a-number');
  }
  // Vanity numbers: letters after at least three digits are keypad letters.
  if (/^\+?[\d\s().-]{3,}[A-Za-z][A-Za-z\d\s().-]*$/.test(text)) {
    text = text.replace(/[A-Za-z]/g, (c) => KEYPAD[c.toUpperCase()] ?? c);
  }
  if (/[^\d\s+().\-/]/.test(text)) return fail('not-a-number');
  if ((text.match(/\+/g)?.length ?? 0) > 1 || (text.includes('+') && !text.startsWith('+')))
    return fail('invalid');
  const digits = text.replace(/\D/g, '');
  if (
    !text.startsWith('+') &&
    /^\d{5,6}$/.test(digits) &&
    (defaultCountry === 'US' || defaultCountry === 'CA')
  ) {
    return { ok: true, e164: digits, kind: 'short-code' };
  }
  if (digits.length < 7) return fail('too-short');
  if (digits.length > 15) return fail('too-long');
  const country = /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, country);
  } catch {
    return fail('invalid');
  }
  if (!parsed) return text.startsWith('+') ? fail('invalid-country') : fail('invalid');
  if (parsed.ext) return fail('extension');
  if (!parsed.isValid()) {
    const national = parsed.nationalNumber.length;
    if (national < 7) return fail('too-short');
    if (!parsed.isPossible() && national > 10) return fail('too-long');
    return fail('invalid');
  }
  const e164 = parsed.number;
  if (!E164.test(e164)) return fail('invalid');
  return { ok: true, e164, kind: isTollFree(e164) ? 'toll-free' : 'standard' };
}

/**
 * Reads a number a user wants to text: like {@link parsePhoneNumber}, but only phone numbers
 * (standard or toll-free) are accepted; short codes and sender names cannot be texted from here.
 */
export function parseRecipient(input: string, defaultCountry: string): PhoneParseResult {
  const result = parsePhoneNumber(input, defaultCountry);
  if (result.ok && (result.kind === 'short-code' || result.kind === 'alphanumeric')) {
    return {
      ok: false,
      error: 'invalid',
      message: 'Short codes and sender names cannot receive texts from here.',
    };
  }
  return result;
}

/** E.164 for a typed number, or `null`. */
export function normalizePhoneNumber(input: string, defaultCountry: string): string | null {
  const result = parsePhoneNumber(input, defaultCountry);
  return result.ok && (result.kind === 'standard' || result.kind === 'toll-free') ? result.e164 : null;
}

/**
 * A stored number for display: national format when it belongs to `options.country`
 * (`(202) 555-0123`), international otherwise (`+44 20 7946 0958`). Never throws; returns the
 * input unchanged when it is not a phone number (short codes, sender names).
 */
export function formatPhoneNumber(e164: string, options: { country?: string } = {}): string {
  if (!E164.test(e164)) return e164;
  try {
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed) return e164;
    return parsed.country && parsed.country === options.country
      ? parsed.formatNational()
      : parsed.formatInternational();
  } catch {
    return e164;
  }
}
