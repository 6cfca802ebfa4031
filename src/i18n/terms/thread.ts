/** Terms of the thread (`terms/thread.ts`): add each term to the interface and both languages. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ThreadTerms {}

export const threadEn: ThreadTerms = {};

export const threadEs: ThreadTerms = {};
