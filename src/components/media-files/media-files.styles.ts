import { css } from 'lit';
import { spinner } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: block;
    min-inline-size: 0;
    color: var(--_sms-text);
    --_tile: var(--sms-media-files-tile-size, 7rem);
  }
  header {
    display: flex;
    align-items: baseline;
    gap: var(--_sms-space-s);
    margin-block-end: var(--_sms-space-m);
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  .count {
    margin: 0;
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--_tile), 1fr));
    gap: var(--_sms-space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tile {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_sms-space-xs);
    inline-size: 100%;
    aspect-ratio: 1;
    overflow: hidden;
    padding: var(--_sms-space-xs);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
    background: var(--_sms-surface);
    color: inherit;
  }
  .tile:focus-visible {
    outline: 2px solid var(--_sms-focus);
    outline-offset: 2px;
  }
  .tile img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  /* The badge is drawn, not text: the tile's name is what it is called. */
  .badge::before {
    content: attr(data-badge);
  }
  .badge {
    font-weight: 700;
    font-size: 1.1em;
    color: var(--_sms-accent);
  }
  .name {
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: var(--_sms-font-size-s);
  }
  .empty {
    margin: var(--_sms-space-l) 0;
    color: var(--_sms-text-muted);
  }
  .status {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    margin-block-start: var(--_sms-space-s);
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
  }
  .status:empty {
    display: none;
  }
  .more {
    margin-block-start: var(--_sms-space-s);
    padding: var(--_sms-space-xs) var(--_sms-space-m);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-s);
  }
  ${spinner}
  .spinner {
    inline-size: 14px;
    block-size: 14px;
  }
  @media (forced-colors: active) {
    .tile {
      border-color: ButtonText;
    }
  }
`;
