import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    flex: none;
    max-block-size: 40%;
    overflow-y: auto;
  }
  :host([hidden]) {
    display: none;
  }
  section {
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border-block-start: 1px dashed var(--_sms-border);
  }
  h2 {
    margin: 0 0 var(--_sms-space-xs);
    font-size: var(--_sms-font-size-s);
    font-weight: 600;
    color: var(--_sms-text-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_sms-space-s);
  }
  [part='list'] > li {
    margin-inline-start: auto;
    max-inline-size: min(32rem, 85%);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border: 1px dashed var(--sms-scheduled-border, var(--_sms-accent));
    border-radius: var(--_sms-radius-l);
    background: var(--_sms-surface);
  }
  .when {
    margin: 0;
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-text-muted);
  }
  .text {
    margin: var(--_sms-space-xs) 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .files {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-xs);
    margin: var(--_sms-space-xs) 0;
  }
  .thumb img {
    display: block;
    inline-size: 4rem;
    block-size: 4rem;
    object-fit: cover;
    border-radius: var(--_sms-radius-s);
  }
  .file {
    font-size: var(--_sms-font-size-s);
    overflow-wrap: anywhere;
  }
  .file .meta {
    color: var(--_sms-text-muted);
  }
  .note {
    margin: 0 0 var(--_sms-space-xs);
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-text-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_sms-space-xs);
  }
  .actions button {
    padding: 2px var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    font-size: var(--_sms-font-size-s);
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  form {
    display: grid;
    gap: var(--_sms-space-s);
  }
  label {
    display: grid;
    gap: var(--_sms-space-xs);
    font-size: var(--_sms-font-size-s);
  }
  label.check {
    display: flex;
    align-items: center;
  }
  .check input {
    all: revert;
  }
  textarea,
  input[type='datetime-local'] {
    padding: var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-bg);
    color: inherit;
  }
  textarea {
    field-sizing: content;
    min-block-size: 3em;
  }
  [aria-invalid='true'] {
    border-color: var(--_sms-danger);
  }
  .error {
    margin: 0;
    color: var(--_sms-danger);
  }
  .failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-l);
  }
  .failed p {
    margin: 0;
  }
  .retry {
    padding: 2px var(--_sms-space-s);
    border: 1px solid currentColor;
    border-radius: var(--_sms-radius-s);
    font-size: var(--_sms-font-size-s);
  }
`;
