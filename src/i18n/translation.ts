import { appEn } from './terms/app.js';
import type { AppTerms } from './terms/app.js';
import { commonEn } from './terms/common.js';
import type { CommonTerms } from './terms/common.js';
import { composerEn } from './terms/composer.js';
import type { ComposerTerms } from './terms/composer.js';
import { jumpEn } from './terms/jump.js';
import type { JumpTerms } from './terms/jump.js';
import { listEn } from './terms/list.js';
import { repliesEn } from './terms/replies.js';
import type { RepliesTerms } from './terms/replies.js';
import type { ListTerms } from './terms/list.js';
import { mediaFilesEn } from './terms/media-files.js';
import type { MediaFilesTerms } from './terms/media-files.js';
import { pickerEn } from './terms/picker.js';
import type { PickerTerms } from './terms/picker.js';
import { searchEn } from './terms/search.js';
import type { SearchTerms } from './terms/search.js';
import { reactionsEn } from './terms/reactions.js';
import type { ReactionTerms } from './terms/reactions.js';
import { scheduleEn } from './terms/schedule.js';
import type { ScheduleTerms } from './terms/schedule.js';
import { threadEn } from './terms/thread.js';
import type { ThreadTerms } from './terms/thread.js';
import { viewerEn } from './terms/viewer.js';
import type { ViewerTerms } from './terms/viewer.js';

/**
 * Every visible string and accessible name. Each element's terms live in `terms/<area>.ts`
 * with their English and Spanish values; this type is their union, so a language that
 * misses a term does not compile. English is built in; Spanish is `es-table.ts`, registered
 * by importing `sms-elements/i18n/es` (decision 0016).
 */
export interface Translation
  extends
    CommonTerms,
    ListTerms,
    PickerTerms,
    ThreadTerms,
    ComposerTerms,
    ViewerTerms,
    AppTerms,
    SearchTerms,
    JumpTerms,
    ReactionTerms,
    MediaFilesTerms,
    RepliesTerms,
    ScheduleTerms {}

/** The name of one term. */
export type TermKey = keyof Translation;

export const en: Translation = {
  ...commonEn,
  ...listEn,
  ...pickerEn,
  ...threadEn,
  ...composerEn,
  ...viewerEn,
  ...appEn,
  ...searchEn,
  ...jumpEn,
  ...reactionsEn,
  ...mediaFilesEn,
  ...repliesEn,
  ...scheduleEn,
};
