import { html } from 'lit';

// Icons shared by the elements: inline SVG templates, hidden from assistive technology (the
// button around an icon carries the label). `currentColor` follows the text color, so forced
// colors and themes apply. One place to draw them; an element imports what it shows.

/** An X: closes. */
export const ICON_CLOSE = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
/** An 'i' in a circle: details. */
export const ICON_INFO = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M12 11v6M12 7.5v.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
/** An arrow down onto a line: download. */
export const ICON_DOWNLOAD = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <path
    d="M12 4v11M7 10l5 5 5-5M5 19h14"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  />
</svg>`;
/** A magnifier with a plus. */
export const ICON_ZOOM_IN = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="11" cy="11" r="6" fill="none" stroke="currentColor" stroke-width="2" />
  <path
    d="M16 16l4 4M8.5 11h5M11 8.5v5"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
  />
</svg>`;
/** A magnifier with a minus. */
export const ICON_ZOOM_OUT = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
  <circle cx="11" cy="11" r="6" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M16 16l4 4M8.5 11h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
/** An arrow along the reading direction, drawn by `d`; mirrored in RTL by CSS (`.directional`). */
const directional = (d: string) =>
  html`<svg class="directional" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
    <path d=${d} fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
  </svg>`;
/** Points to the inline start. */
export const ICON_PREVIOUS = directional('M15 5l-7 7 7 7');
/** Points to the inline end. */
export const ICON_NEXT = directional('M9 5l7 7-7 7');
/** A chevron pointing up (a strip or panel that can be hidden). */
export const ICON_CHEVRON = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
  <path d="M6 15l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
</svg>`;
/** A play triangle: video. */
export const ICON_PLAY = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M8 5v14l11-7z" fill="currentColor" />
</svg>`;
/** A musical note: audio. */
export const ICON_AUDIO = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M9 18V6l10-2v12" fill="none" stroke="currentColor" stroke-width="2" />
  <circle cx="6.5" cy="18" r="2.5" fill="currentColor" />
  <circle cx="16.5" cy="16" r="2.5" fill="currentColor" />
</svg>`;
/** A page with a folded corner: a file with no preview. */
export const ICON_FILE = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M6 2h9l5 5v15H6z M15 2v5h5" fill="none" stroke="currentColor" stroke-width="1.6" />
</svg>`;
/** A paperclip: attach a file. */
export const ICON_ATTACH = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path
    d="M16.5 6.5l-8 8a2 2 0 0 0 2.8 2.8l8.2-8.2a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5l6.4-6.4"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
  />
</svg>`;
/** A paper plane: send. */
export const ICON_SEND = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path d="M3 20.5l18-8.5L3 3.5 3 10l12 2-12 2z" fill="currentColor" />
</svg>`;
/** A speech bubble with lines: saved replies. */
export const ICON_REPLIES = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
  <path
    d="M4 5h16v10H9l-5 4z M8 9h8 M8 12h5"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linejoin="round"
    stroke-linecap="round"
  />
</svg>`;
/** A small X: removes or dismisses an item in a list. */
export const ICON_X_SMALL = html`<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
  <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="1.8" />
</svg>`;
