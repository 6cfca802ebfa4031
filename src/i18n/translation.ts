import { commonEn, commonEs } from './terms/common.js';
import type { CommonTerms } from './terms/common.js';

/**
 * Every visible string and accessible name. Each element's terms live in `terms/<area>.ts`
 * with their English and Spanish values; this type is their union, so a language that
 * misses a term does not compile.
 */
export type Translation = CommonTerms;

/** A term's value: a string, or a function of the numbers and names it shows. */
export type TermKey = keyof Translation;

export const en: Translation = { ...commonEn };
export const es: Translation = { ...commonEs };
