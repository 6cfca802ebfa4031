import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_ATTACH, ICON_X_SMALL } from '../../internal/icons.js';
import { participantName } from '../../internal/names.js';
import type { Conversation } from '../../model/conversation.js';
import { findVariables } from '../../rules/reply-variables.js';
import type { ReplyVariable } from '../../rules/reply-variables.js';
import { SMS_MAX_CHARACTERS, analyzeSms, toGsmFriendly } from '../../rules/sms-encoding.js';
import { screenRecipients } from '../../rules/special-numbers.js';
import type { ResolvedPolicy } from '../../rules/attachment-policy.js';
import { acceptedFiles } from './attachment-queue.js';
import type { Notice } from './attachment-queue.js';

// The composer's render helpers: each draws one part from what it is given.

/** How many opted-out names, or Unicode characters, are named before the list stops. */
const SHOWN = 5;

/** The banner of a conversation someone in it left by replying STOP. */
export function renderOptOut(
  conversation: Conversation,
  optedOut: readonly string[],
  country: string | undefined,
  locale: LocaleController,
): TemplateResult {
  const names = optedOut
    .slice(0, SHOWN)
    .map((n) => participantName(conversation, n, (x) => locale.phone(x, country)));
  const list = new Intl.ListFormat(locale.lang, { type: 'conjunction' }).format(names);
  return html`<p class="banner locked" part="notice" role="status">
    ${conversation.participants.length > 1 ? locale.t('optedOutGroup', list) : locale.t('optedOutOne', list)}
  </p>`;
}

/** The banner of an emergency number or a short code among the recipients. */
export function renderScreening(
  recipients: readonly string[],
  country: string,
  locale: LocaleController,
): TemplateResult | typeof nothing {
  const { emergency, shortCodes } = screenRecipients(recipients, country);
  if (emergency.length)
    return html`<p class="banner locked" part="notice" role="alert">
      ${locale.t('emergencyNumber', emergency[0]!)}
    </p>`;
  if (shortCodes.length)
    return html`<p class="banner locked" part="notice" role="alert">
      ${locale.t('shortCode', shortCodes[0]!)}
    </p>`;
  return nothing;
}

/** The `{variables}` still to fill, each a button that selects it. */
export function renderFillHint(
  text: string,
  locale: LocaleController,
  select: (variable: ReplyVariable) => void,
): TemplateResult {
  const left = findVariables(text);
  if (!left.length) return html`<p id="fill-hint" class="fill-hint" hidden></p>`;
  return html`<p id="fill-hint" class="fill-hint" part="fill-hint">
    <span>${locale.t('fillIn')}</span>
    ${left.map(
      (v) => html`<button class="variable" type="button" @click=${() => select(v)}>{${v.name}}</button>`,
    )}
    <span>${locale.t('nextVariableHint')}</span>
  </p>`;
}

/** Messages about refused files or a blocked send, each dismissable; "Resize and attach" where it can help. */
export function renderNotices(
  notices: readonly Notice[],
  locale: LocaleController,
  on: { readonly resize: (notice: Notice) => void; readonly dismiss: (notice: Notice) => void },
): TemplateResult | typeof nothing {
  if (!notices.length) return nothing;
  return html`<div role="alert">
    <ul class="notices">
      ${notices.map(
        (notice) =>
          html`<li class="notice" part="notice">
            <span>${notice.message}</span>
            ${
              notice.resize
                ? html`<button class="small" type="button" @click=${() => on.resize(notice)}>
                    ${locale.t('resizeImage')}
                  </button>`
                : nothing
            }
            <button
              class="icon tiny"
              type="button"
              aria-label=${locale.t('dismiss')}
              @click=${() => on.dismiss(notice)}
            >
              ${ICON_X_SMALL}
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}

/** A check that asks before sending: "Send anyway" or "Cancel". */
export function renderWarning(
  message: string,
  locale: LocaleController,
  on: { readonly send: () => void; readonly cancel: () => void },
): TemplateResult {
  return html`<div class="notice warning" part="notice" role="alertdialog" aria-label=${message}>
    <span>${message}</span>
    <button class="small" type="button" @click=${on.send}>${locale.t('sendAnyway')}</button>
    <button class="small" type="button" @click=${on.cancel}>${locale.t('cancel')}</button>
  </div>`;
}

/** The SMS counter: characters, GSM-7 or Unicode, segments (× recipients), "Replace with plain characters". */
export function renderCounter(
  text: string,
  recipients: number,
  locale: LocaleController,
  replacePlain: () => void,
): TemplateResult {
  const characters = [...text].length;
  if (!text) return html`<div id="counter" class="counter" part="counter"></div>`;
  if (characters > SMS_MAX_CHARACTERS) {
    return html`<div id="counter" class="counter over" part="counter" role="alert">
      ${locale.t('tooLong', SMS_MAX_CHARACTERS)}
    </div>`;
  }
  const sms = analyzeSms(text);
  const encoding = sms.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode';
  const plain = sms.encoding === 'UCS-2' ? toGsmFriendly(text) : null;
  const shown = sms.unicodeCharacters.slice(0, SHOWN).map((c) => `“${c}”`);
  return html`<div id="counter" class="counter" part="counter">
    <span>${locale.t('counter', sms.characters, encoding, sms.segments)}</span>
    ${
      recipients > 1
        ? html`<span>${locale.t('counterGroup', sms.segments, recipients, sms.segments * recipients)}</span>`
        : nothing
    }
    ${
      sms.encoding === 'UCS-2'
        ? html`<span class="unicode">
            ${locale.t('unicodeBecause', new Intl.ListFormat(locale.lang).format(shown))}
            ${
              plain && plain.replaced > 0
                ? html`<button class="link" type="button" @click=${replacePlain}>
                    ${locale.t('replacePlain')}
                  </button>`
                : nothing
            }
          </span>`
        : nothing
    }
  </div>`;
}

/**
 * The paperclip and its hidden file input (the types the number accepts). From a number that
 * sends SMS only, the paperclip is disabled and says why.
 */
export function renderAttach(
  policy: ResolvedPolicy,
  disabled: boolean,
  locale: LocaleController,
  on: { readonly pick: () => void; readonly picked: (event: Event) => void },
): TemplateResult {
  return html`<button
      class="icon attach"
      part="attach-button"
      type="button"
      aria-label=${locale.t('attachFile')}
      title=${policy.attachmentsAllowed ? locale.t('attachFile') : locale.t('tollFreeNoAttachments')}
      aria-describedby=${policy.attachmentsAllowed ? nothing : 'sms-only'}
      ?disabled=${disabled}
      @click=${on.pick}
    >
      ${ICON_ATTACH}
    </button>
    <input
      type="file"
      multiple
      hidden
      tabindex="-1"
      aria-hidden="true"
      accept=${acceptedFiles(policy)}
      @change=${on.picked}
    />`;
}
