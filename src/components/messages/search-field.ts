import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';

const ICON_SEARCH = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
  <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M16 16l4.5 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;

/**
 * The search field `<sms-messages>` shows until `<sms-search>` has loaded (decision 0027): the
 * same field, label and placeholder. Focusing it loads search; what is typed meanwhile is kept
 * and given to `<sms-search>`, which takes the focus if the field still has it.
 */
export class SearchStandIn {
  /** What was typed before search loaded. */
  value = '';
  /** Whether the person is in the field (focus goes to `<sms-search>` when it arrives). */
  focused = false;

  /** The field; `open` is called when it gets the focus (or a key, a click). */
  render(locale: LocaleController, open: (control: Element) => void): TemplateResult {
    return html`<div class="search search-stand-in">
      ${ICON_SEARCH}
      <input
        type="search"
        autocomplete="off"
        spellcheck="false"
        aria-label=${locale.t('search')}
        placeholder=${locale.t('searchPlaceholder')}
        .value=${this.value}
        @focus=${(e: FocusEvent) => {
          this.focused = true;
          open((e.target as Element).parentElement!);
        }}
        @focusout=${(e: FocusEvent) => {
          if (e.relatedTarget) this.focused = false;
        }}
        @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }
}

/** The stand-in's look: `<sms-search>`'s field. */
export const searchStandInStyles = css`
  .search-stand-in {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    margin: var(--_sms-space-s) var(--_sms-space-l);
    padding-inline: var(--_sms-space-m);
    min-block-size: 40px;
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-l);
    background: var(--sms-search-background, var(--_sms-surface));
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size);
  }
  .search-stand-in:focus-within {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 1px;
  }
  .search-stand-in input {
    flex: 1;
    min-inline-size: 0;
    block-size: 38px;
    color: var(--_sms-text);
  }
  .search-stand-in input::placeholder {
    color: var(--_sms-text-muted);
    opacity: 1;
  }
  .search-stand-in input::-webkit-search-cancel-button {
    display: none;
  }
  .search-stand-in[aria-busy='true'] {
    cursor: progress;
  }
`;
