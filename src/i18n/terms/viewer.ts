/** Terms of the viewer (`terms/viewer.ts`): add each term to the interface and both languages. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ViewerTerms {}

export const viewerEn: ViewerTerms = {};

export const viewerEs: ViewerTerms = {};
