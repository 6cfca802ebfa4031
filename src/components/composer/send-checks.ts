import type { LocaleController } from '../../controllers/locale-controller.js';
import { participantName } from '../../internal/names.js';
import type { SendDetail } from '../../events/send-event.js';
import type { Conversation } from '../../model/conversation.js';
import { DEFAULT_QUIET_HOURS, checkQuietHours } from '../../rules/quiet-hours.js';
import { findVariables } from '../../rules/reply-variables.js';
import type { ReplyValues } from '../../rules/reply-variables.js';

/** What the composer's `preSendCheck` may answer. */
export type PreSendResult =
  | { readonly action: 'allow' }
  /** Not sent; the message is shown and the draft kept. */
  | { readonly action: 'block'; readonly message: string }
  /** The message is shown with "Send anyway" and "Cancel". */
  | { readonly action: 'warn'; readonly message: string };

/** What {@link PreSendCheck} is given: the message, and for "Send later" the time chosen. */
export interface PreSendDraft extends SendDetail {
  /** Set when the message is scheduled ("Send later"): when it would go out (ms since the epoch). */
  readonly sendAt?: number;
}

/**
 * A host hook run before each message goes out, sent now or scheduled (do-not-contact lists,
 * content rules…).
 */
export type PreSendCheck = (draft: PreSendDraft) => PreSendResult | void | Promise<PreSendResult | void>;

/**
 * When the composer warns before sending to someone outside their daytime: `start` and `end`
 * (`"HH:MM"`, their local time; default 08:00 and 21:00) bound when texts are fine, and `block`
 * refuses the send instead of asking. `false` turns the check off.
 */
export interface QuietHoursOptions {
  readonly start?: string;
  readonly end?: string;
  readonly block?: boolean;
}

/** Values for saved-reply variables, or a callback that gives them for the conversation. */
export type ReplyVariables = ReplyValues | ((conversation: Conversation | null) => ReplyValues | undefined);

/** A check that stops a send: `block` refuses it, otherwise the person may send anyway. */
export interface SendStop {
  /** Which check: the person may accept a warning by its key and try again. `host`: the host's `preSendCheck`. */
  readonly key: 'variables' | 'quiet-hours' | 'host';
  readonly message: string;
  readonly block: boolean;
}

/** What {@link checkBeforeSend} looks at. */
export interface SendCheckInput {
  readonly text: string;
  readonly recipients: readonly string[];
  readonly conversation: Conversation | undefined;
  readonly country: string | undefined;
  readonly quietHours: QuietHoursOptions | false | undefined;
  /** When the message goes out: now, or the time chosen for "Send later". */
  readonly now: number;
  /** A "Send later" time: the messages speak of that time ("It will be 11:00 PM…"). */
  readonly scheduled?: boolean;
  readonly locale: LocaleController;
  /** Checks the person already chose to send anyway. */
  readonly accepted: readonly string[];
}

/** Formats `"HH:MM"` as a time of day in the locale ("9:00 PM", "21:00"). */
function clock(value: string, locale: LocaleController): string {
  const [h, m] = value.split(':').map(Number);
  return new Intl.DateTimeFormat(locale.lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 1, h ?? 0, m ?? 0),
  );
}

/**
 * The first reason to stop before a send, in order: `{variables}` left unfilled (a warning), then
 * quiet hours where a recipient is (a warning, or a refusal with `block`). `null`: send.
 */
export function checkBeforeSend(input: SendCheckInput): SendStop | null {
  const { locale } = input;
  const list = (items: readonly string[]) => new Intl.ListFormat(locale.lang).format(items);
  if (!input.accepted.includes('variables')) {
    const names = [...new Set(findVariables(input.text).map((v) => `{${v.name}}`))];
    if (names.length)
      return { key: 'variables', message: locale.t('unfilledVariables', list(names)), block: false };
  }
  const options = input.quietHours;
  if (options !== false && !input.accepted.includes('quiet-hours')) {
    const window = {
      start: options?.start ?? DEFAULT_QUIET_HOURS.start,
      end: options?.end ?? DEFAULT_QUIET_HOURS.end,
    };
    const hits = checkQuietHours(input.recipients, input.now, window);
    if (hits.length) {
      const hit = hits[0]!;
      const time = new Intl.DateTimeFormat(locale.lang, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone: hit.timeZone,
      }).format(input.now);
      const phone = (n: string) => locale.phone(n, input.country);
      const names = hits.map((h) =>
        input.conversation ? participantName(input.conversation, h.number, phone) : phone(h.number),
      );
      const who = hits.length > 1 ? list(names) : names[0]!;
      const later = input.scheduled === true;
      return options?.block
        ? {
            key: 'quiet-hours',
            message: locale.t(
              later ? 'quietHoursBlockLater' : 'quietHoursBlock',
              time,
              who,
              clock(window.start, locale),
              clock(window.end, locale),
            ),
            block: true,
          }
        : {
            key: 'quiet-hours',
            message: locale.t(later ? 'quietHoursWarnLater' : 'quietHoursWarn', time, who),
            block: false,
          };
    }
  }
  return null;
}

/** The values built in for saved-reply variables, then the host's (which win). */
export function replyValues(
  conversation: Conversation | undefined,
  agentName: string | undefined,
  host: ReplyVariables | undefined,
): ReplyValues {
  const values: Record<string, string | null | undefined> = {};
  const only = conversation?.participants.length === 1 ? conversation.participants[0] : undefined;
  const name =
    only && conversation?.names && Object.hasOwn(conversation.names, only) ? conversation.names[only] : '';
  const words = typeof name === 'string' ? name.trim().split(/\s+/).filter(Boolean) : [];
  if (words.length) {
    values['first_name'] = words[0];
    if (words.length > 1) values['last_name'] = words.slice(1).join(' ');
  }
  if (agentName?.trim()) values['agent_name'] = agentName.trim();
  let extra: ReplyValues | undefined;
  try {
    extra = typeof host === 'function' ? host(conversation ?? null) : host;
  } catch (error) {
    // The host's callback threw: the built-in values still fill in, and the bug reaches the page.
    globalThis.reportError(error);
    extra = undefined;
  }
  return { ...values, ...(extra && typeof extra === 'object' ? extra : {}) };
}
