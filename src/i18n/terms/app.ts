/** Terms of the app (`terms/app.ts`): add each term to the interface and both languages. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppTerms {}

export const appEn: AppTerms = {};

export const appEs: AppTerms = {};
