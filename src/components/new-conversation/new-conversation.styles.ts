import { css } from 'lit';
import { raised } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: block;
    padding: var(--_sms-space-s) var(--_sms-space-l);
    border-block-end: 1px solid var(--_sms-border);
    background: var(--_sms-bg);
  }
  .row {
    display: flex;
    align-items: flex-start;
    gap: var(--_sms-space-s);
    min-inline-size: 0;
  }
  .row + .row {
    margin-block-start: var(--_sms-space-s);
  }
  .label {
    flex: none;
    min-inline-size: 3rem;
    padding-block: 6px;
    color: var(--_sms-text-muted);
  }
  .field {
    position: relative;
    flex: 1;
    min-inline-size: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_sms-space-xs);
    padding: 3px var(--_sms-space-xs);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-bg);
  }
  .field:focus-within {
    border-color: var(--_sms-focus);
  }
  .field.invalid {
    border-color: var(--_sms-danger);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    max-inline-size: 100%;
    padding-inline: var(--_sms-space-s) 2px;
    border-radius: 999px;
    background: var(--_sms-surface);
    border: 1px solid var(--_sms-border);
  }
  .chip bdi {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip button {
    display: grid;
    place-items: center;
    inline-size: 24px;
    block-size: 24px;
    border-radius: 50%;
  }
  .chip button:hover {
    background: var(--_sms-border);
  }
  input {
    flex: 1;
    min-inline-size: 8rem;
    padding: 4px;
  }
  input::placeholder {
    color: var(--_sms-text-muted);
  }
  .suggestions {
    position: absolute;
    inset-inline: -1px;
    inset-block-start: calc(100% + 2px);
    z-index: 2;
    max-block-size: 18rem;
    overflow-y: auto;
    margin: 0;
    padding: var(--_sms-space-xs) 0;
    list-style: none;
    border-radius: var(--_sms-radius-s);
  }
  ${raised('.suggestions')}
  .suggestion {
    display: flex;
    gap: var(--_sms-space-s);
    align-items: baseline;
    padding: var(--_sms-space-s) var(--_sms-space-m);
    cursor: pointer;
  }
  .suggestion.active,
  .suggestion:hover {
    background: var(--_sms-selected);
  }
  .suggestion .who {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .suggestion .meta,
  .hint {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .hint {
    padding: var(--_sms-space-s) var(--_sms-space-m);
  }
  .error {
    margin-block-start: var(--_sms-space-xs);
    color: var(--_sms-danger);
    font-size: var(--_sms-font-size-s);
  }
  .note {
    margin-block-start: var(--_sms-space-xs);
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  select {
    flex: 1;
    min-inline-size: 0;
    padding: 5px var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-bg);
    appearance: auto;
  }
  .number {
    direction: ltr;
    unicode-bidi: isolate;
  }
`;
