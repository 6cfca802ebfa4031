export {
  formatPhoneNumber,
  isTollFree,
  looksLikePhoneNumber,
  normalizePhoneNumber,
  parsePhoneNumber,
  parseRecipient,
  phoneKind,
} from './phone.js';
export type { PhoneError, PhoneKind, PhoneParseResult } from './phone.js';
export { SMS_MAX_CHARACTERS, analyzeSms, isOverSmsLimit, toGsmFriendly } from './sms-encoding.js';
export type { SmsAnalysis, SmsEncoding } from './sms-encoding.js';
export { SNIFF_BYTES, claimedFileType, detectFileType, sniffBytes } from './file-type.js';
export { readMediaInfo } from './media-info.js';
export type { MediaInfo } from './media-info.js';
export type { DetectedFileType, FileFamily } from './file-type.js';
export {
  DEFAULT_ATTACHMENT_POLICY,
  MB,
  checkAttachments,
  checkRecipients,
  formatBytes,
  isKindAllowed,
  resolvePolicy,
} from './attachment-policy.js';
export type {
  AttachmentViolation,
  AttachmentViolationCode,
  CandidateFile,
  ResolvedPolicy,
} from './attachment-policy.js';
export { TAPBACK_EMOJI, attachReactions, normalizeQuoted, parseReaction, quoteMatches } from './reactions.js';
export type {
  AttachedReaction,
  ParsedReaction,
  ReactableMessage,
  ReactionIndex,
  ReactionKind,
  ReactionMedia,
  ReactionTarget,
} from './reactions.js';
export { parseSmsLink } from './sms-link.js';
export type { SmsLink } from './sms-link.js';
export {
  DEFAULT_QUIET_HOURS,
  checkQuietHours,
  isQuietTime,
  localClock,
  parseClock,
  recipientTimeZone,
} from './quiet-hours.js';
export type { QuietHoursHit, QuietHoursWindow } from './quiet-hours.js';
export { emergencyNumber, isShortCode, screenRecipients } from './special-numbers.js';
export type { RecipientScreening } from './special-numbers.js';
export { fillReply, filterReplies, findVariables, nextVariable } from './reply-variables.js';
export type { FilledReply, ReplyValues, ReplyVariable } from './reply-variables.js';
