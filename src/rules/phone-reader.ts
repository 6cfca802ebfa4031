import { PHONE_METADATA } from './phone-metadata.js';
import type { PhonePlan } from './phone-metadata.js';

/**
 * A reader of phone numbers over libphonenumber-js's minimal metadata (decision 0024): the steps
 * of its `parsePhoneNumber`, `validatePhoneNumberLength`, `isValid`, `formatNational` and
 * `formatInternational` for the numbering plans of `phone-metadata.ts`, and nothing else (no
 * extensions, no carrier codes, no text search: `phone.ts` cleans and refuses those first).
 * `test/rules/phone-reader.test.ts` compares it with libphonenumber-js on many numbers of
 * every plan.
 *
 * A plan is libphonenumber-js's compressed array: [0] calling code, [1] international prefix,
 * [2] national number pattern, [3] possible lengths, [4] formats, [5] national prefix,
 * [6] national prefix formatting rule, [7] national prefix for parsing, [8] its transform rule,
 * [9] national prefix optional when formatting, [10] leading digits, [11] number types.
 * A format is [0] pattern, [1] format, [2] leading digits patterns, [3] national prefix
 * formatting rule, [4] national prefix optional, [5] international format.
 */

/** A number read: its calling code, its national significant number, its country when known. */
export interface PhoneReading {
  readonly callingCode: string;
  readonly national: string;
  readonly country: string | undefined;
}

/** Why a number could not be read, in libphonenumber-js's words. */
export type PhoneReadError = 'INVALID_COUNTRY' | 'TOO_SHORT' | 'TOO_LONG';

/** A length check's verdict for a national number; `undefined` when its length is possible. */
export type PhoneLength = 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | undefined;

type Format = readonly [string, string, (readonly string[])?, string?, unknown?, string?];

const plans = PHONE_METADATA.countries;
const callingCodes = PHONE_METADATA.country_calling_codes;

const matches = (text: string, pattern: string) => new RegExp(`^(?:${pattern})$`).test(text);

/** The plan of a country this build carries, or `undefined`. */
export function phonePlan(country: string | undefined): PhonePlan | undefined {
  return country && Object.hasOwn(plans, country) ? plans[country] : undefined;
}

/** The plan of a country, or of the first country of a calling code (its formats' home). */
function plan(countryOrCode: string): PhonePlan {
  return phonePlan(countryOrCode) ?? plans[callingCodes[countryOrCode]![0]!]!;
}

/** Whether a national number's length is possible in a plan (`checkNumberLength`). */
export function checkLength(national: string, numbering: PhonePlan): PhoneLength {
  const lengths = numbering[3];
  const length = national.length;
  if (lengths[0] === length) return undefined;
  if (lengths[0]! > length) return 'TOO_SHORT';
  if (lengths[lengths.length - 1]! < length) return 'TOO_LONG';
  return lengths.indexOf(length, 1) >= 0 ? undefined : 'INVALID_LENGTH';
}

/** Whether a national number is one of a plan's number types (`getNumberType` is defined). */
function hasType(national: string, numbering: PhonePlan): boolean {
  return (
    matches(national, numbering[2]) &&
    (numbering[11] || []).some(
      (type) =>
        !!type &&
        !!type[0] &&
        (type[1] || numbering[3]).includes(national.length) &&
        matches(national, type[0]),
    )
  );
}

/** The country of a national number among the countries sharing a calling code (`getCountryByCallingCode`). */
function countryOf(callingCode: string, national: string): string | undefined {
  const countries = callingCodes[callingCode];
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  return countries.find((country) => {
    const leading = plans[country]![10];
    return leading ? national.search(leading) === 0 : hasType(national, plans[country]!);
  });
}

/** The national number without its national prefix, when taking it away makes sense (`extractNationalNumber`). */
function withoutPrefix(number: string, numbering: PhonePlan): string {
  const prefix = numbering[7] || numbering[5];
  const pattern = prefix ? new RegExp(`^(?:${prefix})`) : undefined;
  const match = pattern?.exec(number);
  if (!pattern || !match) return number;
  const rule = numbering[8];
  const national =
    rule && match[match.length - 1] ? number.replace(pattern, rule) : number.slice(match[0].length);
  if (national === number) return number;
  if (matches(number, numbering[2]) && !matches(national, numbering[2])) return number;
  const country = countryOf(numbering[0], national);
  const length = checkLength(national, country ? plan(country) : numbering);
  return length === 'TOO_SHORT' || length === 'INVALID_LENGTH' ? number : national;
}

/**
 * The calling code and the rest of a number typed without `+` that starts with the default
 * country's calling code (`12025550123` in the US), when reading it so makes more sense.
 */
function withoutCallingCode(number: string, numbering: PhonePlan): string | undefined {
  const code = numbering[0];
  if (!number.startsWith(code)) return undefined;
  const shorter = number.slice(code.length);
  const national = withoutPrefix(number, numbering);
  return (!matches(national, numbering[2]) && matches(withoutPrefix(shorter, numbering), numbering[2])) ||
    checkLength(national, numbering) === 'TOO_LONG'
    ? shorter
    : undefined;
}

/**
 * Reads `+` and digits, or digits with a default country (`parsePhoneNumber`): the calling code
 * (after `+`, after the default country's international prefix, or at the start), the national
 * number without its national prefix, and the country among those sharing the calling code.
 */
export function readPhoneNumber(number: string, defaultCountry?: string): PhoneReading | PhoneReadError {
  const home = phonePlan(defaultCountry);
  let callingCode: string | undefined;
  let country: string | undefined;
  if (number[0] !== '+' && home) {
    const idd = new RegExp(`^(?:${home[1]})`).exec(number);
    const rest = idd ? number.slice(idd[0].length) : '';
    if (rest && rest[0] !== '0') {
      number = `+${rest}`;
    } else {
      const shorter = withoutCallingCode(number, home);
      if (shorter !== undefined) [callingCode, number] = [home[0], shorter];
    }
  }
  if (number[0] === '+') {
    if (number[1] === '0') return 'INVALID_COUNTRY';
    for (let i = 2; !callingCode && i <= 4 && i <= number.length; i++) {
      if (callingCodes[number.slice(1, i)]) [callingCode, number] = [number.slice(1, i), number.slice(i)];
    }
    if (!callingCode) return 'INVALID_COUNTRY';
  } else if (!callingCode) {
    if (!home || !defaultCountry) return 'INVALID_COUNTRY';
    [callingCode, country] = [home[0], defaultCountry];
  }
  const national = number && withoutPrefix(number, plan(country ?? callingCode));
  country = countryOf(callingCode, national) ?? country;
  if (national.length < 2) return 'TOO_SHORT';
  if (national.length > 17) return 'TOO_LONG';
  return { callingCode, national, country };
}

/** The plan a reading is checked and formatted with: its country's, or its calling code's. */
export function readingPlan(reading: PhoneReading): PhonePlan {
  return plan(reading.country ?? reading.callingCode);
}

/** Whether a reading is a number that can exist in its plan (`isValid`). */
export function isValidReading(reading: PhoneReading): boolean {
  const numbering = readingPlan(reading);
  return numbering[11] ? hasType(reading.national, numbering) : matches(reading.national, numbering[2]);
}

/**
 * A reading in national (`(202) 555-0123`) or international (`+1 202 555 0123`) format
 * (`formatNational`, `formatInternational`); the digits ungrouped when no format fits.
 */
export function formatReading(reading: PhoneReading, international: boolean): string {
  const numbering = readingPlan(reading);
  const { national } = reading;
  const formats = (numbering[4] || plan(numbering[0])[4] || []) as readonly Format[];
  const format = formats.find(
    ([pattern, , leading]) =>
      (!leading?.length || national.search(leading.at(-1)!) === 0) && matches(national, pattern),
  );
  let text = national;
  if (format) {
    const rule = format[3] || numbering[6] || plan(numbering[0])[6];
    const replacement = international
      ? format[5] || format[1]
      : rule
        ? format[1].replace(/(\$\d)/, rule)
        : format[1];
    text = national.replace(new RegExp(format[0]), replacement);
  }
  return international ? `+${reading.callingCode} ${text.replace(/[-\s()./[\]~]+/g, ' ').trim()}` : text;
}
