/**
 * Carrier opt-out keywords (CTIA): a person who texts one of these alone (any case, spaces
 * trimmed) to a business number is opted out of texts from that number.
 */
export const OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
]);

/** Keywords that opt a person back in after an opt-out. */
export const OPT_IN_KEYWORDS: ReadonlySet<string> = new Set(['START', 'UNSTOP']);

/**
 * What an inbound text does to its sender's opt-out: `'opt-out'` for STOP and its synonyms,
 * `'opt-in'` for START or UNSTOP, `null` for any other text (the keyword must be the whole text).
 */
export function optOutKeyword(text: string): 'opt-out' | 'opt-in' | null {
  const keyword = text.trim().toUpperCase();
  if (OPT_OUT_KEYWORDS.has(keyword)) return 'opt-out';
  if (OPT_IN_KEYWORDS.has(keyword)) return 'opt-in';
  return null;
}

/** The sentence that refuses a text to people who opted out. */
export function optedOutMessage(recipients: readonly string[]): string {
  return `${recipients.join(', ')} replied STOP and can't be texted.`;
}
