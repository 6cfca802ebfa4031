import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    min-inline-size: 0;
    color: var(--_sms-text);
    font-family: var(--_sms-font-family);
    font-size: var(--_sms-font-size);
  }
  .field {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    padding-inline: var(--_sms-space-m);
    min-block-size: 40px;
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-l);
    background: var(--sms-search-background, var(--_sms-surface));
    color: var(--_sms-text-muted);
  }
  .field:focus-within {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 1px;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    block-size: 38px;
    color: var(--_sms-text);
  }
  input::placeholder {
    color: var(--_sms-text-muted);
    opacity: 1;
  }
  input::-webkit-search-cancel-button {
    display: none;
  }
  .clear {
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
  }
  .clear:hover {
    background: var(--_sms-selected);
  }
  .panel {
    position: absolute;
    inset-inline: 0;
    inset-block-start: calc(100% + 4px);
    z-index: 10;
    max-block-size: var(--sms-search-results-max-height, 70vh);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-m);
    background: var(--sms-search-results-background, var(--_sms-bg));
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.16);
    padding-block: var(--_sms-space-xs);
  }
  .panel:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: -2px;
  }
  .panel[hidden] {
    display: none;
  }
  .group-label {
    padding: var(--_sms-space-s) var(--_sms-space-m) var(--_sms-space-xs);
    font-size: var(--_sms-font-size-s);
    font-weight: 600;
    color: var(--_sms-text-muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .result {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: var(--_sms-space-s) var(--_sms-space-m);
    cursor: pointer;
  }
  .result:hover,
  .result.active {
    background: var(--_sms-selected);
  }
  .result.active {
    box-shadow: inset 3px 0 0 var(--_sms-accent);
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: var(--_sms-space-s);
    min-inline-size: 0;
  }
  .title {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .meta {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
    white-space: nowrap;
  }
  .snippet {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--_sms-text);
  }
  mark {
    background: var(--sms-search-mark, color-mix(in srgb, var(--_sms-warning) 28%, var(--_sms-bg)));
    color: inherit;
    border-radius: 2px;
  }
  .more {
    color: var(--_sms-accent);
    font-weight: 600;
  }
  .empty,
  .note {
    margin: 0;
    padding: var(--_sms-space-s) var(--_sms-space-m);
    font-size: var(--_sms-font-size-s);
  }
  .quiet,
  .empty {
    color: var(--_sms-text-muted);
  }
  .error {
    color: var(--_sms-danger);
  }
  @media (forced-colors: active) {
    .result.active {
      outline: 2px solid Highlight;
    }
    mark {
      background: Mark;
      color: MarkText;
    }
  }
`;
