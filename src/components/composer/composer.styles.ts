import { css } from 'lit';
import { raised } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: block;
    position: relative;
    background: var(--_sms-bg);
    border-block-start: 1px solid var(--_sms-border);
    --_lines: var(--sms-composer-max-lines, 6);
  }
  .composer {
    display: flex;
    flex-direction: column;
    gap: var(--_sms-space-xs);
    padding: var(--_sms-space-s) var(--_sms-space-m);
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: var(--_sms-space-xs);
  }
  input[type='file'] {
    display: none;
  }
  textarea {
    flex: 1;
    min-inline-size: 0;
    field-sizing: content;
    min-block-size: 40px;
    max-block-size: calc(var(--_lines) * 1.4em + 18px);
    overflow-y: auto;
    padding: 9px var(--_sms-space-m);
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_sms-surface);
    border: 1px solid var(--_sms-border);
    border-radius: 20px;
  }
  textarea::placeholder {
    color: var(--_sms-text-muted);
  }
  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  textarea:disabled {
    opacity: 0.6;
  }
  .icon,
  .thumb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    inline-size: 40px;
    block-size: 40px;
  }
  .icon {
    border-radius: 50%;
    color: var(--_sms-text-muted);
  }
  .icon:hover:not(:disabled) {
    background: var(--_sms-surface);
  }
  .icon:disabled {
    opacity: 0.45;
  }
  .send {
    color: var(--sms-composer-send, var(--_sms-accent));
  }
  .send:disabled {
    color: var(--_sms-text-muted);
  }
  .icon.tiny {
    inline-size: 28px;
    block-size: 28px;
  }
  .small {
    flex: none;
    padding: 4px var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    font-size: var(--_sms-font-size-s);
  }
  .small:hover {
    background: var(--_sms-surface);
  }
  .link {
    color: var(--_sms-focus);
    text-decoration: underline;
  }
  .counter {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_sms-space-m);
    min-block-size: 1.2em;
    padding-inline: 48px;
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .counter.over {
    color: var(--_sms-danger);
    font-weight: 600;
  }
  .unicode {
    color: var(--_sms-warning);
  }
  .hint {
    margin: 0;
    padding-inline: 48px;
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .banner {
    margin: 0;
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-surface);
    border-inline-start: 4px solid var(--_sms-warning);
  }
  .banner.locked {
    border-inline-start-color: var(--_sms-danger);
  }
  .notices,
  .chips {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
  }
  .notices {
    flex-direction: column;
    gap: var(--_sms-space-xs);
  }
  .notice,
  .chip {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
  }
  .notice {
    padding: var(--_sms-space-xs) var(--_sms-space-s);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-surface);
    color: var(--_sms-danger);
    overflow-wrap: anywhere;
  }
  .notice span {
    flex: 1;
  }
  .notice.warning {
    color: var(--_sms-warning);
  }
  .chips {
    flex-wrap: wrap;
    gap: var(--_sms-space-s);
  }
  .chip {
    inline-size: min(100%, 16rem);
    padding: var(--_sms-space-xs);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-surface-raised);
  }
  .chip.failed {
    border-color: var(--_sms-danger);
  }
  .thumb {
    border-radius: 4px;
    object-fit: cover;
    background: var(--_sms-surface);
    color: var(--_sms-text-muted);
  }
  .meta {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-inline-size: 0;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .size {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .failed .size {
    color: var(--_sms-danger);
  }
  progress {
    inline-size: 100%;
    block-size: 4px;
    accent-color: var(--_sms-accent);
  }
  .drop {
    display: none;
    position: absolute;
    inset: 4px;
    align-items: center;
    justify-content: center;
    border: 2px dashed var(--_sms-focus);
    border-radius: var(--_sms-radius-s);
    background: color-mix(in srgb, var(--_sms-bg) 88%, transparent);
    font-weight: 600;
    pointer-events: none;
  }
  .dragging .drop {
    display: flex;
  }
  .replies-panel {
    position: absolute;
    inset-inline: var(--_sms-space-m);
    inset-block-end: calc(100% - var(--_sms-space-xs));
    z-index: 2;
    display: flex;
    flex-direction: column;
    gap: var(--_sms-space-xs);
    max-block-size: min(60vh, 22rem);
    padding: var(--_sms-space-s);
    border-radius: var(--_sms-radius-m);
  }
  ${raised('.replies-panel')}
  .replies-search,
  .reply-form input,
  .reply-form textarea {
    padding: 6px var(--_sms-space-s);
    background: var(--_sms-bg);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
  }
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
  }
  .reply {
    display: flex;
    flex-direction: column;
    padding: var(--_sms-space-xs) var(--_sms-space-s);
    border-radius: var(--_sms-radius-s);
    cursor: pointer;
  }
  .reply[aria-selected='true'] {
    background: var(--_sms-selected);
    outline: 1px solid var(--_sms-focus);
  }
  .reply-title {
    font-weight: 600;
  }
  .reply-text {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .tag {
    font-weight: 400;
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-text-muted);
  }
  .replies-empty,
  .form-error {
    margin: 0;
    color: var(--_sms-text-muted);
  }
  .form-error {
    color: var(--_sms-danger);
  }
  .replies-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-xs);
  }
  .reply-form {
    display: flex;
    flex-direction: column;
    gap: var(--_sms-space-xs);
  }
  .reply-form label {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .reply-form .hint {
    padding: 0;
  }
  .fill-hint {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_sms-space-xs);
    margin: 0;
    padding-inline: 48px;
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-warning);
  }
  .fill-hint[hidden] {
    display: none;
  }
  .variable {
    padding: 0 4px;
    border-radius: var(--_sms-radius-s);
    background: light-dark(#fff4d6, #3b2f10);
    color: var(--_sms-text);
    font-family: ui-monospace, monospace;
  }
  .variable:focus-visible,
  .reply-form input:focus-visible,
  .reply-form textarea:focus-visible,
  .replies-search:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 1px;
  }
`;
