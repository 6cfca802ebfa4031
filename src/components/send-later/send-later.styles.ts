import { css } from 'lit';
import { dialogForm, dialogSurface } from '../../styles/shared.js';

export const styles = css`
  :host {
    position: relative;
    display: inline-flex;
    flex: none;
  }
  :host([hidden]) {
    display: none;
  }
  /* No capability: only a live region is left, and it takes no room (no gap in the composer's row). */
  :host([unavailable]) {
    display: contents;
  }
  .trigger[aria-disabled='true'] {
    opacity: 0.4;
  }
  .tip {
    position: absolute;
    inset-block-end: calc(100% + var(--_sms-space-xs));
    inset-inline-end: 0;
    z-index: 1;
    inline-size: max-content;
    max-inline-size: min(18rem, 80vw);
    margin: 0;
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-m);
    background: var(--_sms-surface-raised);
    color: var(--_sms-text);
    font-size: var(--_sms-font-size-s);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  .tip[hidden] {
    display: none;
  }
  .warning {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_sms-space-xs);
    margin-block: var(--_sms-space-s);
  }
  .warning p {
    margin: 0;
  }
  .warning button {
    padding: var(--_sms-space-xs) var(--_sms-space-m);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
    color: var(--_sms-text-muted);
  }
  .trigger:hover:not(:disabled) {
    background: var(--_sms-surface);
    color: var(--_sms-text);
  }
  .trigger:disabled {
    opacity: 0.4;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  ${dialogSurface}
  dialog {
    inline-size: min(22rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }
  h2 {
    margin: 0 0 var(--_sms-space-m);
    font-size: 1.1em;
  }
  .presets {
    display: grid;
    gap: var(--_sms-space-xs);
    margin-block-end: var(--_sms-space-m);
  }
  .preset {
    display: flex;
    justify-content: space-between;
    gap: var(--_sms-space-m);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    text-align: start;
  }
  .preset:hover {
    background: var(--_sms-surface);
  }
  .preset .when {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  label.field {
    display: grid;
    gap: var(--_sms-space-xs);
  }
  input[type='datetime-local'] {
    padding: var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-surface);
    color: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_sms-danger);
  }
  .hint {
    margin: var(--_sms-space-xs) 0 var(--_sms-space-m);
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  ${dialogForm}
  .error {
    margin: 0 0 var(--_sms-space-m);
    color: var(--_sms-danger);
  }
  .actions .primary {
    background: var(--_sms-accent);
    border-color: var(--_sms-accent);
    color: var(--_sms-on-accent);
  }
  @media (forced-colors: active) {
    .actions .primary {
      border-color: ButtonText;
    }
  }
`;
