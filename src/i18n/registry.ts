import { en } from './translation.js';
import type { Translation } from './translation.js';

/** English is built in; other languages are registered (Spanish: `sms-elements/i18n/es`). */
const translations = new Map<string, Translation>([['en', en]]);
const listeners = new Set<() => void>();

/**
 * Adds (or replaces) a language at runtime, e.g. `registerTranslation('fr', fr)`; elements
 * re-render. Missing terms fall back to English.
 */
export function registerTranslation(lang: string, translation: Partial<Translation>): void {
  translations.set(lang.toLowerCase(), { ...en, ...translation });
  for (const l of listeners) l();
}

/** The table for a BCP 47 tag: exact (`es-mx`), then the language (`es`), then English. */
export function translationFor(lang: string): Translation {
  const tag = lang.toLowerCase();
  return translations.get(tag) ?? translations.get(tag.split('-')[0] ?? '') ?? en;
}

/** Calls `listener` whenever a language is registered; returns the unsubscribe function. */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
