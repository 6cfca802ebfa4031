import { css } from 'lit';

/**
 * Global design tokens with their defaults, light and dark. Hosts override any `--sms-*`
 * property on an ancestor; each element's own `--sms-<element>-*` tokens default to these.
 * The `theme` attribute (`light` / `dark` / `auto`) forces a scheme on one element.
 */
export const tokens = css`
  :host {
    --_sms-light: 1;
    /* Inherited custom property: a theme set on <sms-messages> (or by the page) reaches the
       elements inside it. */
    color-scheme: var(--sms-color-scheme, light dark);
    --_sms-bg: var(--sms-color-background, light-dark(#ffffff, #15171a));
    --_sms-surface: var(--sms-color-surface, light-dark(#f3f4f6, #1f2226));
    --_sms-surface-raised: var(--sms-color-surface-raised, light-dark(#ffffff, #2a2e33));
    --_sms-text: var(--sms-color-text, light-dark(#15171a, #eef0f2));
    --_sms-text-muted: var(--sms-color-text-muted, light-dark(#555c66, #a9b0b9));
    --_sms-border: var(--sms-color-border, light-dark(#d5d9de, #3a3f45));
    --_sms-accent: var(--sms-color-accent, light-dark(#1a7f37, #3fb950));
    --_sms-on-accent: var(--sms-color-on-accent, light-dark(#ffffff, #0b1a10));
    --_sms-outgoing: var(--sms-color-outgoing, light-dark(#0b62d6, #2f81f7));
    --_sms-on-outgoing: var(--sms-color-on-outgoing, light-dark(#ffffff, #0a1422));
    --_sms-incoming: var(--sms-color-incoming, light-dark(#eceff3, #2a2e33));
    --_sms-on-incoming: var(--sms-color-on-incoming, light-dark(#15171a, #eef0f2));
    --_sms-badge: var(--sms-color-badge, light-dark(#15171a, #eef0f2));
    --_sms-on-badge: var(--sms-color-on-badge, light-dark(#ffffff, #15171a));
    --_sms-danger: var(--sms-color-danger, light-dark(#b42318, #ff7b72));
    --_sms-warning: var(--sms-color-warning, light-dark(#8a5300, #e3b341));
    --_sms-focus: var(--sms-color-focus, light-dark(#0b62d6, #58a6ff));
    --_sms-selected: var(--sms-color-selected, light-dark(#e3edfb, #1c2d45));
    --_sms-space-xs: var(--sms-space-xs, 0.25rem);
    --_sms-space-s: var(--sms-space-s, 0.5rem);
    --_sms-space-m: var(--sms-space-m, 0.75rem);
    --_sms-space-l: var(--sms-space-l, 1rem);
    --_sms-radius-s: var(--sms-radius-s, 6px);
    --_sms-radius-m: var(--sms-radius-m, 12px);
    --_sms-radius-l: var(--sms-radius-l, 18px);
    --_sms-font-family: var(
      --sms-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_sms-font-size: var(--sms-font-size, 14px);
    --_sms-font-size-s: var(--sms-font-size-small, 12px);
    --_sms-duration: var(--sms-duration, 150ms);
    box-sizing: border-box;
    /* Important so that a host page's global rules (* { font-size: 10px }) cannot restyle us;
       hosts set the --sms-font-* tokens instead. */
    font-family: var(--_sms-font-family) !important;
    font-size: var(--_sms-font-size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.4 !important;
    letter-spacing: normal !important;
    text-transform: none !important;
    color: var(--_sms-text);
  }
  :host([theme='light']) {
    --sms-color-scheme: light;
    color-scheme: light;
  }
  :host([theme='dark']) {
    --sms-color-scheme: dark;
    color-scheme: dark;
  }
  :host([theme='auto']) {
    --sms-color-scheme: light dark;
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_sms-duration: 0ms;
    }
  }
  @media (forced-colors: active) {
    :host {
      --_sms-accent: ButtonText;
      --_sms-outgoing: Highlight;
      --_sms-on-outgoing: HighlightText;
      --_sms-badge: CanvasText;
      --_sms-on-badge: Canvas;
      --_sms-focus: Highlight;
    }
  }
`;

/** A reset for buttons and inputs so the host page's global CSS cannot restyle them. */
export const controlReset = css`
  button,
  input,
  textarea,
  select {
    all: unset;
    box-sizing: border-box;
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
