// The phone rules as they were with libphonenumber-js's code (before decision 0024), kept as the
// reference that test/rules/phone-reader.test.ts compares src/rules/phone.ts with.
import {
  isSupportedCountry,
  parsePhoneNumberFromString as parseWith,
  validatePhoneNumberLength as lengthWith,
} from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
import { CALLING_CODES, PHONE_METADATA } from '../../src/rules/phone-metadata.js';
import { isE164 } from '../../src/rules/e164.js';

/**
 * What a sender or recipient address is:
 * `standard` (a regular phone number), `toll-free` (+1 800/833/844/855/866/877/888),
 * `short-code` (5–6 digits, US/CA) or `alphanumeric` (a sender name such as "ACME").
 */
export type PhoneKind = 'standard' | 'toll-free' | 'short-code' | 'alphanumeric';

/** Why a typed number was refused. */
export type PhoneError =
  'empty' | 'too-short' | 'too-long' | 'invalid' | 'extension' | 'invalid-country' | 'not-a-number';

/**
 * The result of reading a typed number. For `short-code` and `alphanumeric` results, `e164` holds
 * the address as it is stored (the digits, or the sender name), which is not E.164.
 */
export type PhoneParseResult =
  | { readonly ok: true; readonly e164: string; readonly kind: PhoneKind }
  | { readonly ok: false; readonly error: PhoneError; readonly message: string };

/** Longest raw input looked at; longer text is refused before any other work (no slow paths). */
const MAX_RAW = 256;
/** Longest cleaned input read as a number: "+1 (202) 555-0123" is 17, with room for spacing. */
const MAX_INPUT = 40;
const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;
/** Characters people paste without seeing them: zero-width, bidi marks and isolates, soft hyphen. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** An extension after the number: `ext. 12`, `x12`, `#12`, `;ext=12`, or dial-after pauses `,,12`. */
const EXTENSION = /\d.*?(?:\s*(?:;\s*ext\s*=|ext\.?|extension|x|#)\s*|,+\s*)\d+\s*$/i;
/** An alphanumeric sender id: starts with a letter, 3–11 letters, digits, spaces or `& . - _`. */
const SENDER_ID = /^[A-Za-z][A-Za-z0-9 &._-]{2,10}$/;
/**
 * A vanity number: at least three digits (with phone punctuation), then keypad letters, digits,
 * dashes and dots — no spaces after the first letter, so "202 555 0123 call me" is not one.
 */
const VANITY = /^\+?(?:[\s().-]*\d){3}[\d\s().-]*[A-Za-z][A-Za-z\d.-]*$/;
const PHONE_CHARS = /^[+\d\s().\-/]*$/;
/** The ITU E.161 telephone keypad. */
const KEYPAD = '22233344455566677778889999';

const MESSAGES: Record<PhoneError, string> = {
  empty: 'Enter a phone number.',
  'too-short': 'This number is too short.',
  'too-long': 'This number is too long.',
  invalid: 'This is not a valid phone number.',
  extension: 'Text messages cannot be sent to an extension.',
  'invalid-country': 'This number needs a valid country code, such as +1.',
  'not-a-number': 'This is not a phone number.',
};

/** Country calling code → its country when only one country uses it (`''` when several share it). */
let callingCodes: Map<string, string> | undefined;

/**
 * Splits an E.164 number into its assigned country calling code, the country that code belongs to
 * when only one country uses it, and the national number; `undefined` for an unassigned code.
 */
function splitCallingCode(e164: string): { code: string; country: string; national: string } | undefined {
  callingCodes ??= new Map(
    CALLING_CODES.split(' ')
      .map((entry) => entry.split(':') as [string, string?])
      .map(([c, k]) => [c, k ?? '']),
  );
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    const country = callingCodes.get(code);
    if (country !== undefined) return { code, country, national: e164.slice(1 + length) };
  }
  return undefined;
}

/**
 * The country of an E.164 number: from the numbering plans this build knows (decision 0011), or
 * from its calling code when only one country uses that code; `undefined` when unknown.
 */
export function phoneCountry(e164: string): string | undefined {
  if (!isE164(e164)) return undefined;
  try {
    const country = parseWith(e164, PHONE_METADATA as unknown as MetadataJson)?.country;
    if (country) return country;
  } catch {
    // fall through to the calling code
  }
  return splitCallingCode(e164)?.country || undefined;
}

function fail(error: PhoneError, message = MESSAGES[error]): PhoneParseResult {
  return { ok: false, error, message };
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The ASCII digit of any Unicode decimal digit. Unicode encodes decimal digits in complete runs
 * of ten, 0 to 9, so a digit's value is its distance from the start of its run, modulo ten.
 */
function asciiDigit(digit: string): string {
  if (digit >= '0' && digit <= '9') return digit;
  const cp = digit.codePointAt(0)!;
  let start = cp;
  while (cp - start < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

/**
 * Cleans what people paste: compatibility forms (full-width digits and plus), invisible characters,
 * the various dashes, Unicode digits of any script, a `tel:` prefix, runs of white space.
 */
function clean(input: string): string {
  return input
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, '-')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/^\s*tel:/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters of a vanity number read on the phone keypad (`FLOWERS` → `3569377`). */
function keypad(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => KEYPAD[c.toUpperCase().charCodeAt(0) - 65]!);
}

function countryOf(code: string): CountryCode | undefined {
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : '';
  return isSupportedCountry(upper as CountryCode, PHONE_METADATA as unknown as MetadataJson)
    ? (upper as CountryCode)
    : undefined;
}

/**
 * The fallback for countries whose numbering plan this build does not carry (decision 0011): an
 * international number is accepted when its calling code is assigned and it has the length E.164
 * allows (7 to 15 digits).
 */
function readE164(digits: string): PhoneParseResult {
  const e164 = `+${digits}`;
  if (!splitCallingCode(e164)) return fail('invalid-country');
  if (digits.length < 7) return fail('too-short');
  if (digits.length > 15) return fail('too-long');
  return { ok: true, e164, kind: 'standard' };
}

/**
 * The digits after the `+` or after the default country's international prefix (`011` in the US,
 * `00` in most countries), or `undefined` for a number typed in national form.
 */
function internationalDigits(text: string, country: CountryCode | undefined): string | undefined {
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return digits;
  const plans = (PHONE_METADATA as unknown as MetadataJson).countries as unknown as Record<
    string,
    readonly unknown[] | undefined
  >;
  const prefix = country ? plans[country]?.[1] : undefined;
  const match = typeof prefix === 'string' ? new RegExp(`^(?:${prefix})`).exec(digits) : null;
  return match ? digits.slice(match[0].length) : undefined;
}

/**
 * Reads cleaned phone text with libphonenumber: the length check first, then validity. An
 * international number of a country whose plan is not in the metadata goes to {@link readE164}.
 */
function read(text: string, country: CountryCode | undefined): PhoneParseResult {
  try {
    const length = lengthWith(text, { defaultCountry: country }, PHONE_METADATA as unknown as MetadataJson);
    if (length === 'INVALID_COUNTRY') {
      const abroad = internationalDigits(text, country);
      if (abroad) return readE164(abroad);
    }
    if (length === 'TOO_SHORT') return fail('too-short');
    if (length === 'TOO_LONG') return fail('too-long');
    if (length === 'INVALID_COUNTRY') return fail('invalid-country');
    if (length === 'NOT_A_NUMBER') return fail('not-a-number');
    if (length === 'INVALID_LENGTH') return fail('invalid');
    const parsed = parseWith(text, { defaultCountry: country }, PHONE_METADATA as unknown as MetadataJson);
    if (!parsed) return fail('invalid');
    if (parsed.ext) return fail('extension');
    if (!parsed.isValid()) return fail('invalid');
    const e164 = parsed.number;
    if (!isE164(e164)) return fail('invalid');
    return { ok: true, e164, kind: isTollFree(e164) ? 'toll-free' : 'standard' };
  } catch {
    return fail('invalid');
  }
}

/**
 * Whether the text is mostly digits and phone punctuation, so the recipient picker can offer
 * "Send to …" for it: at least three digits, optionally a `+`, a `tel:` prefix, vanity letters
 * after the digits (`1-800-FLOWERS`) or a trailing extension (which {@link parseRecipient} then
 * refuses with a clear message).
 */
export function looksLikePhoneNumber(query: string): boolean {
  if (typeof query !== 'string' || query.length > MAX_RAW) return false;
  let text = clean(query);
  if (!text || text.length > MAX_INPUT) return false;
  if (VANITY.test(text) && !EXTENSION.test(text)) text = keypad(text);
  text = text.replace(/\s*(?:;\s*ext\s*=|ext\.?|extension|x|#|,+)\s*\d+$/i, '');
  return PHONE_CHARS.test(text) && text.replace(/\D/g, '').length >= 3;
}

/** Whether an E.164 number is toll-free in the North American plan (+1 800/833/844/855/866/877/888). */
export function isTollFree(e164: string): boolean {
  return typeof e164 === 'string' && TOLL_FREE.test(e164);
}

/**
 * The kind of an address already in stored form: 5–6 digits are a short code, text with a letter
 * is an alphanumeric sender, toll-free E.164 numbers are `toll-free`, anything else `standard`.
 */
export function phoneKind(e164OrSender: string): PhoneKind {
  if (/^\d{5,6}$/.test(e164OrSender)) return 'short-code';
  if (/[A-Za-z]/.test(e164OrSender)) return 'alphanumeric';
  return isTollFree(e164OrSender) ? 'toll-free' : 'standard';
}

/**
 * Reads a typed phone number as E.164, with `defaultCountry` (ISO 3166-1 alpha-2) for numbers
 * typed without `+`. Never throws, and reads at most a few hundred characters.
 *
 * - Accepts the forms people type: `(202) 555-0123`, `+1 202…`, `tel:` links, full-width and
 *   other Unicode digits, invisible characters (removed), Unicode dashes.
 * - International prefixes: the default country's own (`011` in the US, `00` in most of the
 *   world); `00…` is also read as `+…` when the number makes no sense otherwise (a US user
 *   typing `0044…`).
 * - Vanity numbers (`1-800-FLOWERS`) are accepted: letters after at least three digits are read
 *   on the phone keypad, and the result is the plain E.164 number.
 * - Refuses extensions (`x12`, `ext. 12`, `;ext=12`, `,,12`): a text message cannot reach one.
 * - Refuses numbers that are too short, too long or cannot exist (libphonenumber's metadata).
 * - Short codes: 5–6 digits without `+`, when the default country is US or CA, are `short-code`
 *   with the digits as they are (never E.164).
 * - Alphanumeric sender ids: 3–11 characters starting with a letter (`ACME`, `VERIFY-1`) are
 *   `alphanumeric`, kept as typed (trimmed).
 */
export function parsePhoneNumber(input: string, defaultCountry: string): PhoneParseResult {
  if (typeof input !== 'string') return fail('not-a-number');
  if (input.length > MAX_RAW) return fail('too-long');
  let text = clean(input);
  if (!text) return fail('empty');
  if (text.length > MAX_INPUT) return fail(/\d/.test(text) ? 'too-long' : 'not-a-number');
  if (EXTENSION.test(text)) return fail('extension');
  if (SENDER_ID.test(text)) return { ok: true, e164: text, kind: 'alphanumeric' };
  if (VANITY.test(text)) text = keypad(text);
  if (!PHONE_CHARS.test(text)) return fail('not-a-number');
  const international = text.startsWith('+');
  if (text.lastIndexOf('+') > 0) return fail('not-a-number');
  const digits = text.replace(/\D/g, '');
  if (!digits) return fail('not-a-number');
  const country = countryOf(defaultCountry);
  if (!international && /^\d{5,6}$/.test(text.replace(/ /g, '')) && (country === 'US' || country === 'CA')) {
    return { ok: true, e164: digits, kind: 'short-code' };
  }
  if (digits.length < 3) return fail('too-short');
  if (!international && !country) return fail('invalid-country');
  const result = read(text, country);
  if (!result.ok && !international && digits.startsWith('00')) {
    const abroad = read(`+${digits.slice(2)}`, undefined);
    if (abroad.ok) return abroad;
  }
  return result;
}

/**
 * Reads a number a user wants to text: like {@link parsePhoneNumber}, but only phone numbers
 * (`standard` or `toll-free`) are accepted. Short codes are refused (business numbers cannot
 * text them, and they do not take part in conversations), and so are sender names.
 */
export function parseRecipient(input: string, defaultCountry: string): PhoneParseResult {
  const result = parsePhoneNumber(input, defaultCountry);
  if (!result.ok) return result;
  if (result.kind === 'short-code') return fail('invalid', 'Short codes cannot receive texts from here.');
  if (result.kind === 'alphanumeric') return fail('not-a-number');
  return result;
}

/**
 * The E.164 form of a typed phone number (`standard` or `toll-free`), or `null`. Idempotent:
 * its output reads back to itself.
 */
export function normalizePhoneNumber(input: string, defaultCountry: string): string | null {
  const result = parseRecipient(input, defaultCountry);
  return result.ok ? result.e164 : null;
}

/**
 * A stored number for display: national format when it belongs to `options.country`
 * (`(202) 555-0123`), international otherwise (`+44 20 7946 0958`). Never throws; returns the
 * input unchanged when it is not an E.164 number (short codes, sender names, junk).
 */
export function formatPhoneNumber(e164: string, options: { country?: string } = {}): string {
  if (!isE164(e164)) return e164;
  try {
    const parsed: PhoneNumber | undefined = parseWith(e164, PHONE_METADATA as unknown as MetadataJson);
    if (!parsed) {
      // A country whose plan is not in the metadata: its calling code, then the national number.
      const split = splitCallingCode(e164);
      return split ? `+${split.code} ${split.national}` : e164;
    }
    const country = options?.country?.toUpperCase();
    return country && parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
  } catch {
    return e164;
  }
}
