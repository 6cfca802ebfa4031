import { css } from 'lit';
import { centred } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: block;
    block-size: 100%;
    min-block-size: 320px;
    container: sms-messages / inline-size;
    background: var(--sms-messages-background, var(--_sms-bg));
    border: var(--sms-messages-border, 1px solid var(--_sms-border));
    border-radius: var(--sms-messages-radius, 0);
    overflow: hidden;
  }
  .app {
    display: grid;
    grid-template-columns: 100%;
    grid-template-rows: minmax(0, 1fr);
    block-size: 100%;
    min-block-size: inherit;
    min-inline-size: 0;
  }
  .pane {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    min-inline-size: 0;
    overflow: hidden;
  }
  /* One pane at a time below the two-pane width. */
  .app[data-view='list'] .detail,
  .app[data-view='detail'] .list {
    display: none;
  }
  @container sms-messages (min-width: 720px) {
    .app {
      grid-template-columns: minmax(260px, var(--sms-messages-list-width, 34%)) 1fr;
    }
    .app[data-view] .list,
    .app[data-view] .detail {
      display: flex;
    }
    .list {
      border-inline-end: 1px solid var(--_sms-border);
    }
    .back,
    .back-bar {
      display: none !important;
    }
  }
  .back-bar {
    display: flex;
    padding: var(--_sms-space-xs) var(--_sms-space-s);
    border-block-end: 1px solid var(--_sms-border);
  }
  sms-search {
    margin: var(--_sms-space-s) var(--_sms-space-l);
  }
  .list-header,
  .detail-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-l);
    border-block-end: 1px solid var(--_sms-border);
    min-block-size: 52px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.15em;
    font-weight: 600;
  }
  .new {
    display: inline-flex;
    align-items: center;
    gap: var(--_sms-space-xs);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border-radius: 999px;
    background: var(--sms-messages-new-button, var(--_sms-accent));
    color: var(--sms-messages-on-new-button, var(--_sms-on-accent));
    font-weight: 600;
    white-space: nowrap;
  }
  .back,
  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    border-radius: 50%;
    flex: none;
  }
  .back:hover,
  .icon-button:hover {
    background: var(--_sms-surface);
  }
  .back svg {
    transform: scaleX(var(--_flip, 1));
  }
  :host(:dir(rtl)) .back svg {
    --_flip: -1;
  }
  .notice {
    display: flex;
    gap: var(--_sms-space-s);
    align-items: center;
    padding: var(--_sms-space-s) var(--_sms-space-l);
    font-size: var(--_sms-font-size-s);
    background: var(--_sms-surface);
    border-block-end: 1px solid var(--_sms-border);
  }
  .notice button {
    text-decoration: underline;
  }
  .notify {
    display: flex;
    gap: var(--_sms-space-s);
    align-items: center;
    padding: var(--_sms-space-xs) var(--_sms-space-l);
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-text-muted);
    border-block-end: 1px solid var(--_sms-border);
  }
  .notify button {
    text-decoration: underline;
    color: var(--_sms-text);
  }
  sms-conversation-list,
  sms-thread {
    flex: 1;
    min-block-size: 0;
  }
  sms-composer,
  sms-new-conversation {
    flex: none;
  }
  ${centred('.placeholder, .oops, .failed')}
  .placeholder,
  .oops,
  .failed {
    flex: 1;
    flex-direction: column;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-l);
  }
  .oops {
    block-size: 100%;
    max-inline-size: 34rem;
    margin-inline: auto;
  }
  .oops h2,
  .placeholder h2 {
    flex: none;
    color: var(--_sms-text);
    font-size: 1.4em;
  }
  .oops p {
    margin: 0;
  }
  .retry {
    padding: var(--_sms-space-xs) var(--_sms-space-m);
    border: 1px solid currentColor;
    border-radius: var(--_sms-radius-s);
  }
`;
