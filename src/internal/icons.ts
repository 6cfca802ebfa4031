import { html, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';

// Icons shared by the elements: inline SVG templates, hidden from assistive technology (the
// button around an icon carries the label). `currentColor` follows the text color, so forced
// colors and themes apply. One place to draw them; an element imports what it shows.

/** An icon: `body` drawn in a square box of `size` CSS pixels (`view` user units, 24 by default). */
function icon(size: number, body: SVGTemplateResult, view = 24, className?: string): TemplateResult {
  return html`<svg
    class=${className ?? ''}
    viewBox="0 0 ${view} ${view}"
    width=${size}
    height=${size}
    aria-hidden="true"
  >
    ${body}
  </svg>`;
}

/** A line drawing: the path `d` stroked with the text colour, round ends. */
function line(d: string, width = 2, join?: 'round'): SVGTemplateResult {
  return svg`<path
    d=${d}
    fill="none"
    stroke="currentColor"
    stroke-width=${width}
    stroke-linecap="round"
    stroke-linejoin=${join ?? 'miter'}
  />`;
}

/** A ring of radius `r` around (`cx`, `cy`). */
const ring = (cx: number, cy: number, r: number) =>
  svg`<circle cx=${cx} cy=${cy} r=${r} fill="none" stroke="currentColor" stroke-width="2" />`;

/** An X: closes. */
export const ICON_CLOSE = icon(20, line('M6 6l12 12M18 6L6 18'));
/** An 'i' in a circle: details. */
export const ICON_INFO = icon(20, svg`${ring(12, 12, 9)}${line('M12 11v6M12 7.5v.5')}`);
/** An arrow down onto a line: download. */
export const ICON_DOWNLOAD = icon(20, line('M12 4v11M7 10l5 5 5-5M5 19h14', 2, 'round'));
/** A magnifier with a plus. */
export const ICON_ZOOM_IN = icon(20, svg`${ring(11, 11, 6)}${line('M16 16l4 4M8.5 11h5M11 8.5v5')}`);
/** A magnifier with a minus. */
export const ICON_ZOOM_OUT = icon(20, svg`${ring(11, 11, 6)}${line('M16 16l4 4M8.5 11h5')}`);
/** Points to the inline start; mirrored in RTL by CSS (`.directional`). */
export const ICON_PREVIOUS = icon(28, line('M15 5l-7 7 7 7', 2.2), 24, 'directional');
/** Points to the inline end; mirrored in RTL by CSS (`.directional`). */
export const ICON_NEXT = icon(28, line('M9 5l7 7-7 7', 2.2), 24, 'directional');
/** A chevron pointing up (a strip or panel that can be hidden). */
export const ICON_CHEVRON = icon(16, line('M6 15l6-6 6 6', 2.2));
/** A chevron pointing to the inline start: back (the narrow layout's back button). */
export const ICON_BACK = icon(20, line('M15 5l-7 7 7 7'));
/** A plus: something new. */
export const ICON_NEW = icon(18, line('M12 5v14M5 12h14', 2.2));
/** A play triangle: video. */
export const ICON_PLAY = icon(22, svg`<path d="M8 5v14l11-7z" fill="currentColor" />`);
/** A musical note: audio. */
export const ICON_AUDIO = icon(
  22,
  svg`<path d="M9 18V6l10-2v12" fill="none" stroke="currentColor" stroke-width="2" />
    <circle cx="6.5" cy="18" r="2.5" fill="currentColor" />
    <circle cx="16.5" cy="16" r="2.5" fill="currentColor" />`,
);
/** A page with a folded corner: a file with no preview. */
export const ICON_FILE = icon(
  22,
  svg`<path d="M6 2h9l5 5v15H6z M15 2v5h5" fill="none" stroke="currentColor" stroke-width="1.6" />`,
);
/** A paperclip: attach a file. */
export const ICON_ATTACH = icon(
  22,
  line('M16.5 6.5l-8 8a2 2 0 0 0 2.8 2.8l8.2-8.2a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5l6.4-6.4', 1.8),
);
/** A paper plane: send. */
export const ICON_SEND = icon(22, svg`<path d="M3 20.5l18-8.5L3 3.5 3 10l12 2-12 2z" fill="currentColor" />`);
/** A speech bubble with lines: saved replies. */
export const ICON_REPLIES = icon(22, line('M4 5h16v10H9l-5 4z M8 9h8 M8 12h5', 1.8, 'round'));
/** A small X: removes or dismisses an item in a list. */
export const ICON_X_SMALL = icon(
  12,
  svg`<path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="1.8" />`,
  16,
);
