import { css } from 'lit';
import { centred, dialogForm, dialogSurface, raised, spinner } from '../../styles/shared.js';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    min-inline-size: 0;
    position: relative;
    background: var(--sms-thread-background, var(--_sms-bg));
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border-block-end: 1px solid var(--_sms-border);
    min-block-size: 52px;
  }
  .who {
    position: relative;
    flex: 1;
    min-inline-size: 0;
  }
  .names {
    display: block;
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
    text-align: start;
  }
  .popover {
    display: none;
    position: absolute;
    inset-inline-start: 0;
    inset-block-start: 100%;
    z-index: 3;
    min-inline-size: 16rem;
    max-inline-size: min(24rem, 90vw);
    padding: var(--_sms-space-s);
    border-radius: var(--_sms-radius-s);
  }
  ${raised('.popover, .menu')}
  .who:hover .popover,
  .who:focus-within .popover,
  .popover.open {
    display: block;
  }
  .popover ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .popover li {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-xs) 0;
  }
  .popover .person {
    flex: 1;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .number {
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
    direction: ltr;
    unicode-bidi: isolate;
  }
  .icon-button,
  .small-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_sms-space-xs);
    border-radius: var(--_sms-radius-s);
    color: var(--_sms-text);
  }
  .icon-button {
    inline-size: 36px;
    block-size: 36px;
    border-radius: 50%;
    flex: none;
  }
  .small-button {
    padding: 4px var(--_sms-space-s);
    border: 1px solid var(--_sms-border);
  }
  .icon-button:hover,
  .small-button:hover {
    background: var(--_sms-surface);
  }
  .header-menu {
    inset-block-start: 48px;
  }
  .menu {
    position: absolute;
    inset-inline-end: var(--_sms-space-s);
    z-index: 3;
    display: flex;
    flex-direction: column;
    padding: var(--_sms-space-xs) 0;
    border-radius: var(--_sms-radius-s);
  }
  .menu button {
    padding: var(--_sms-space-s) var(--_sms-space-l);
    text-align: start;
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--_sms-selected);
  }
  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overflow-x: hidden;
    overflow-anchor: none;
    overscroll-behavior: contain;
  }
  sms-virtualizer {
    inline-size: 100%;
  }
  .item {
    inline-size: 100%;
    padding-inline: var(--_sms-space-m);
  }
  .day {
    display: flex;
    justify-content: center;
    padding: var(--_sms-space-m) 0 var(--_sms-space-xs);
    color: var(--_sms-text-muted);
    font-size: var(--_sms-font-size-s);
    font-weight: 600;
  }
  /*
   * A message row is one flex container with no wrappers (rows.ts): its children are placed by
   * \`order\`, each on its own line or side by side. Full lines: the sender, the attachments, the
   * reactions; the bubble and its "More actions" button share a line (the button on the inner
   * side); the time and the status share the last one. The two pseudo-elements are line breaks.
   */
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 2px;
    padding-block: 3px;
  }
  .row.own {
    justify-content: flex-end;
  }
  .row::before,
  .row::after {
    content: '';
    flex-basis: 100%;
    order: 2;
  }
  .row::after {
    order: 5;
  }
  .sender {
    order: 0;
    flex-basis: 100%;
    padding-inline: var(--_sms-space-s);
    padding-block-start: var(--_sms-space-s);
    font-size: var(--_sms-font-size-s);
    color: var(--_sms-text-muted);
    overflow-wrap: anywhere;
  }
  .row > .attachments {
    order: 1;
    max-inline-size: 100%;
  }
  .bubble {
    order: 3;
    min-inline-size: 0;
    max-inline-size: min(85% - 30px, 36rem);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    border-radius: var(--_sms-radius-l);
    background: var(--sms-thread-incoming, var(--_sms-incoming));
    color: var(--sms-thread-on-incoming, var(--_sms-on-incoming));
    overflow-wrap: anywhere;
    word-break: break-word;
    white-space: pre-wrap;
  }
  .own .bubble {
    background: var(--sms-thread-outgoing, var(--_sms-outgoing));
    color: var(--sms-thread-on-outgoing, var(--_sms-on-outgoing));
  }
  .failed .bubble {
    outline: 2px solid var(--_sms-danger);
    outline-offset: 1px;
  }
  .retry-target {
    cursor: pointer;
  }
  .retry-target:focus-visible {
    outline-width: 3px;
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
  }
  .more {
    order: 4;
    opacity: 0;
    inline-size: 28px;
    block-size: 28px;
  }
  .own .more {
    order: 3;
  }
  .own .bubble {
    order: 4;
  }
  .row:hover .more,
  .row:focus-within .more,
  .more[aria-expanded='true'] {
    opacity: 1;
  }
  .row > .menu {
    inset-block-start: 0;
  }
  .row > .reactions {
    order: 4;
    flex-basis: 100%;
  }
  .row > time,
  .row > [part='status'] {
    order: 6;
    margin-inline: var(--_sms-space-s);
    font-size: 11px;
    color: var(--_sms-text-muted);
  }
  .row > time + [part='status'] {
    margin-inline-start: 0;
  }
  /* While the row has focus, its time shows the full date (its tooltip). The drawn date has no
     alternative text: a screen reader reads the time once (and the date as its description). */
  .row:focus-within > time[title] {
    font-size: 0;
  }
  .row:focus-within > time[title]::after {
    content: attr(title) / '';
    font-size: 11px;
  }
  /* Row icons are CSS masks over currentColor: no nodes per row (the header's are SVG). */
  .more::before,
  [data-status]::before {
    content: '';
    display: inline-block;
    background: currentColor;
    mask: var(--_icon) center / contain no-repeat;
  }
  .more::before {
    inline-size: 20px;
    block-size: 20px;
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="5" cy="12" r="2"/><circle cx="12" cy="12" r="2"/><circle cx="19" cy="12" r="2"/></svg>');
  }
  [data-status]::before {
    inline-size: 12px;
    block-size: 12px;
    margin-inline-end: 4px;
    vertical-align: -2px;
  }
  [data-status='queued']::before {
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="none" stroke="black" stroke-width="1.5"/></svg>');
  }
  [data-status='sending']::before {
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 2a6 6 0 1 0 6 6" fill="none" stroke="black" stroke-width="1.5"/></svg>');
  }
  [data-status='sent']::before {
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M3 8.5l3 3 7-7" fill="none" stroke="black" stroke-width="1.6"/></svg>');
  }
  [data-status='delivered']::before {
    inline-size: 14px;
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M1 8.5l3 3 7-7M6 11.5l1 0 7-7" fill="none" stroke="black" stroke-width="1.6"/></svg>');
  }
  [data-status='failed']::before {
    --_icon: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill-rule="evenodd" d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zM7.1 4h1.8v5H7.1zm0 7h1.8v1.6H7.1z"/></svg>');
  }
  .row > .retry {
    color: var(--_sms-danger);
    font-weight: 600;
    text-decoration: underline;
  }
  .attachments {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-xs);
    margin-block-end: var(--_sms-space-xs);
  }
  .own .attachments {
    justify-content: flex-end;
  }
  .media {
    display: block;
    overflow: hidden;
    border-radius: var(--_sms-radius-m);
    background: var(--_sms-surface);
    inline-size: min(240px, 100%);
  }
  .media img {
    display: block;
    inline-size: 100%;
    block-size: auto;
    object-fit: cover;
  }
  .card {
    display: grid;
    grid-template-columns: 24px minmax(0, 1fr);
    align-items: center;
    column-gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-m);
    max-inline-size: 16rem;
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-m);
    background: var(--_sms-surface);
    text-align: start;
  }
  /* The file icon: a CSS mask over currentColor. */
  .card::before {
    content: '';
    grid-row: span 2;
    inline-size: 24px;
    block-size: 24px;
    background: currentColor;
    mask: url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M6 2h9l5 5v15H6z M15 2v5h5" fill="none" stroke="black" stroke-width="1.6"/></svg>')
      center / contain no-repeat;
  }
  .card .file-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card .file-meta {
    font-size: 11px;
    color: var(--_sms-text-muted);
  }
  ${centred('.status-row, .edge')}
  .status-row,
  .edge {
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-m);
    font-size: var(--_sms-font-size-s);
  }
  .empty {
    flex: 1;
    display: grid;
    place-items: center;
    padding: var(--_sms-space-l);
    color: var(--_sms-text-muted);
    text-align: center;
  }
  .error {
    color: var(--_sms-danger);
  }
  .pill {
    position: absolute;
    inset-block-end: var(--_sms-space-l);
    inset-inline-start: 50%;
    transform: translateX(-50%);
    z-index: 2;
    padding: var(--_sms-space-s) var(--_sms-space-l);
    border-radius: 999px;
    background: var(--_sms-accent);
    color: var(--_sms-on-accent);
    font-weight: 600;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }
  :host(:dir(rtl)) .pill {
    transform: translateX(50%);
  }
  /* The message jumped to: a ring that fades (a steady outline when motion is reduced). */
  .item.highlight .bubble,
  .item.highlight .attachments {
    animation: sms-thread-highlight 2400ms ease-out;
  }
  @keyframes sms-thread-highlight {
    0%,
    50% {
      box-shadow: 0 0 0 3px var(--sms-thread-highlight, var(--_sms-accent));
    }
    100% {
      box-shadow: 0 0 0 3px transparent;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .item.highlight .bubble,
    .item.highlight .attachments {
      animation: none;
      outline: 3px solid var(--sms-thread-highlight, var(--_sms-accent));
      outline-offset: 2px;
    }
  }
  @media (forced-colors: active) {
    .item.highlight .bubble,
    .item.highlight .attachments {
      outline: 3px solid Highlight;
      outline-offset: 2px;
    }
  }
  ${dialogSurface}
  dialog {
    max-inline-size: min(26rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h2 {
    margin: 0 0 var(--_sms-space-s);
    font-size: 1.1em;
  }
  dialog p {
    margin: 0 0 var(--_sms-space-m);
  }
  ${dialogForm}
  .actions .danger {
    background: var(--_sms-danger);
    border-color: var(--_sms-danger);
    color: #fff;
  }
  .actions button:disabled {
    opacity: 0.5;
  }
  ${spinner}
`;
