/** Terms of the composer (`terms/composer.ts`): add each term to the interface and both languages. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComposerTerms {}

export const composerEn: ComposerTerms = {};

export const composerEs: ComposerTerms = {};
