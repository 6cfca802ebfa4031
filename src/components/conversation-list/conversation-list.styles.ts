import { css } from 'lit';
import { centred, spinner } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    min-inline-size: 0;
    background: var(--sms-conversation-list-background, var(--_sms-bg));
    --_row-height: var(--sms-conversation-list-row-height, 72px);
  }
  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overflow-x: hidden;
    overscroll-behavior: contain;
    contain: strict;
  }
  sms-virtualizer {
    inline-size: 100%;
  }
  sms-virtualizer:focus-visible {
    outline: none;
  }
  /* One grid per row, no wrappers: avatar | name, time / preview, badge. */
  .row {
    display: grid;
    grid-template-columns: 40px minmax(0, 1fr) auto;
    grid-template-rows: auto auto;
    align-content: center;
    align-items: baseline;
    column-gap: var(--_sms-space-m);
    row-gap: 2px;
    block-size: var(--_row-height);
    inline-size: 100%;
    padding-inline: var(--_sms-space-l);
    cursor: pointer;
    border-block-end: 1px solid var(--_sms-border);
    background: var(--_sms-bg);
    color: var(--_sms-text);
  }
  .row:hover {
    background: var(--_sms-surface);
  }
  .row[aria-selected='true'] {
    background: var(--sms-conversation-list-selected, var(--_sms-selected));
  }
  :host(:focus-within) .row.active {
    outline: 2px solid var(--_sms-focus);
    outline-offset: -2px;
  }
  .avatar {
    grid-area: 1 / 1 / 3 / 2;
    align-self: center;
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
    font-weight: 600;
    font-size: 15px;
    color: #fff;
    background: hsl(var(--_hue, 200) 45% 30%);
  }
  .avatar.group {
    background: hsl(var(--_hue, 200) 30% 32%);
    font-size: 13px;
  }
  .preview {
    grid-row: 2;
  }
  .name,
  .preview {
    grid-column: 2;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    grid-row: 1;
    font-weight: 500;
  }
  .preview,
  .time {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .time {
    grid-area: 1 / 3;
    justify-self: end;
  }
  .unread .name,
  .unread .preview,
  .unread .time {
    font-weight: 700;
    color: var(--_sms-text);
  }
  .failed {
    color: var(--_sms-danger);
  }
  .badge {
    grid-area: 2 / 3;
    justify-self: end;
    align-self: center;
    min-inline-size: 20px;
    block-size: 20px;
    padding-inline: 6px;
    border-radius: 10px;
    display: grid;
    place-items: center;
    font-size: 12px;
    font-weight: 700;
    background: var(--sms-conversation-list-badge, var(--_sms-badge));
    color: var(--sms-conversation-list-on-badge, var(--_sms-on-badge));
  }
  ${centred('.status, .empty')}
  .status {
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-l);
  }
  .status.error {
    color: var(--_sms-danger);
    flex-direction: column;
  }
  .empty {
    flex: 1;
    flex-direction: column;
    padding: var(--_sms-space-l);
  }
  .empty strong {
    color: var(--_sms-text);
  }
  .retry {
    padding: var(--_sms-space-xs) var(--_sms-space-m);
    border: 1px solid currentColor;
    border-radius: var(--_sms-radius-s);
  }
  ${spinner}
  bdi {
    unicode-bidi: isolate;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-l);
    border-block-end: 1px solid var(--_sms-border);
  }
  .chip {
    padding: 4px var(--_sms-space-m);
    border: 1px solid var(--_sms-border);
    border-radius: 999px;
    background: var(--_sms-bg);
    color: var(--_sms-text);
    font-size: 0.875em;
  }
  .chip:hover {
    background: var(--_sms-surface);
  }
  .chip[aria-pressed='true'] {
    background: var(--_sms-accent);
    border-color: var(--_sms-accent);
    color: var(--_sms-on-accent);
  }
  .chip:focus-visible,
  .clear:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    .chip[aria-pressed='true'] {
      border-width: 3px;
    }
  }
  .empty.filtered {
    gap: var(--_sms-space-s);
  }
  .clear {
    color: var(--_sms-accent);
    text-decoration: underline;
  }
`;
