/**
 * Emergency numbers around the world: 911 (North America, Mexico…), 112 (Europe, most mobile
 * networks), 999 (UK, Ireland, Hong Kong…), 000 (Australia), 110/119/118 (Japan, China, Korea…),
 * 100–108 (India, Greece, Israel…), 111 (New Zealand), 190–193 (Brazil), 995–998 (Singapore,
 * Russia…), 10111 (South Africa), 15/17/18 (France). Texts to them are refused: in an emergency
 * people must call, and a business line cannot reach them by text.
 */
const EMERGENCY = new Set([
  '000', '100', '101', '102', '108', '110', '111', '112', '113', '114', '115', '117', '118', '119',
  '120', '122', '123', '133', '144', '150', '155', '166', '190', '191', '192', '193', '911', '995',
  '997', '998', '999', '10111', '15', '17', '18',
]); // prettier-ignore

/** Reads the digits of a typed address: spaces, dashes, dots, parentheses and `tel:` are dropped. */
function digitsOf(input: string): { plus: boolean; digits: string } | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const text = input
    .normalize('NFKC')
    .replace(/^\s*tel:/i, '')
    .replace(/[\s().\-\u2010-\u2015]/g, '');
  const match = /^(\+?)(\d+)$/.exec(text);
  return match ? { plus: match[1] === '+', digits: match[2]! } : null;
}

/**
 * The emergency number an address is (`"911"`, `"112"`…), or `null`. Also catches one dialled
 * with a country code (`+1 911`, `+44 999`, `0044 999`).
 */
export function emergencyNumber(input: string): string | null {
  const read = digitsOf(input);
  if (!read) return null;
  const { plus, digits } = read;
  if (!plus && EMERGENCY.has(digits)) return digits;
  // A country code (1–3 digits, after + or an international 00 prefix) before a short number.
  const rest = plus ? digits : digits.startsWith('00') ? digits.slice(2) : '';
  if (!rest || rest.length > 8) return null;
  for (let cc = 1; cc <= 3; cc++) {
    const tail = rest.slice(cc);
    if (EMERGENCY.has(tail)) return tail;
  }
  return null;
}

/**
 * Whether an address is a short code: 5–6 digits in the US and Canada, 3–8 digits elsewhere
 * (typed without `+`, not an emergency number). Automated services use them (verification codes,
 * alerts); replies to them rarely reach a person and business numbers usually cannot text them.
 */
export function isShortCode(input: string, country = 'US'): boolean {
  const read = digitsOf(input);
  if (!read || read.plus || emergencyNumber(input)) return false;
  const nanp = country.toUpperCase() === 'US' || country.toUpperCase() === 'CA';
  const { length } = read.digits;
  return nanp ? length === 5 || length === 6 : length >= 3 && length <= 8;
}

/** What {@link screenRecipients} found. */
export interface RecipientScreening {
  /** Emergency numbers among the recipients, as dialled (`"911"`): sending must be refused. */
  readonly emergency: readonly string[];
  /** Short codes among the recipients: warn before sending. */
  readonly shortCodes: readonly string[];
}

/** Sorts recipients that need a refusal (emergency numbers) or a warning (short codes). */
export function screenRecipients(recipients: readonly string[], country = 'US'): RecipientScreening {
  const emergency: string[] = [];
  const shortCodes: string[] = [];
  for (const recipient of recipients) {
    const e = emergencyNumber(recipient);
    if (e) emergency.push(e);
    else if (isShortCode(recipient, country)) shortCodes.push(recipient.replace(/\D/g, ''));
  }
  return { emergency, shortCodes };
}
