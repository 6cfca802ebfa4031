import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_AUDIO, ICON_CHEVRON, ICON_PLAY } from '../../internal/icons.js';
import { fileBadge, isLoadableUrl, previewKind } from '../../rules/media-preview.js';
import type { GalleryItem } from './gallery-items.js';

/** What the strip of thumbnails shows and what it does. */
export interface StripOptions {
  readonly items: readonly GalleryItem[];
  /** The index of the file on screen, or -1. */
  readonly index: number;
  readonly hidden: boolean;
  readonly loadingMore: 'older' | 'newer' | null;
  /** Keys of files that failed to load: their thumbnail is a badge. */
  readonly failed: ReadonlySet<string>;
  readonly toggle: () => void;
  readonly scrolled: () => void;
  readonly select: (index: number) => void;
  readonly mediaError: (key: string) => void;
}

/**
 * The strip of thumbnails under the file, a toolbar with one tab stop (the file on screen, or
 * the first), and the small arrow that hides and shows it.
 */
export function renderStrip(t: LocaleController, options: StripOptions): TemplateResult {
  const { items, index, hidden, loadingMore } = options;
  const loading = html`<span class="strip-loading" role="status">${t.t('viewerLoadingMore')}</span>`;
  return html`<div class=${classMap({ gallery: true, collapsed: hidden })}>
    <button
      class="strip-toggle"
      part="strip-toggle"
      aria-label=${t.t('viewerGallery')}
      title=${t.t('viewerGallery')}
      aria-expanded=${hidden ? 'false' : 'true'}
      aria-controls="strip"
      @click=${options.toggle}
    >
      ${ICON_CHEVRON}
    </button>
    <div
      id="strip"
      class="strip"
      part="strip"
      role="toolbar"
      aria-label=${t.t('viewerGallery')}
      aria-orientation="horizontal"
      aria-busy=${loadingMore ? 'true' : 'false'}
      ?hidden=${hidden}
      @scroll=${options.scrolled}
    >
      ${loadingMore === 'older' ? loading : nothing}
      ${repeat(
        items,
        (item) => item.key,
        (item, i) => renderThumbnail(options, item, i, i === index, index === -1 && i === 0),
      )}
      ${loadingMore === 'newer' ? loading : nothing}
    </div>
  </div>`;
}

function renderThumbnail(
  options: StripOptions,
  item: GalleryItem,
  i: number,
  current: boolean,
  fallbackStop: boolean,
): TemplateResult {
  const { attachment } = item;
  const kind = options.failed.has(item.key) ? 'card' : previewKind(attachment);
  const thumb =
    kind === 'image' && attachment.thumbnailUrl && isLoadableUrl(attachment.thumbnailUrl)
      ? attachment.thumbnailUrl
      : attachment.url;
  return html`<button
    class="thumb"
    part="thumbnail"
    tabindex=${current || fallbackStop ? '0' : '-1'}
    aria-current=${current ? 'true' : 'false'}
    aria-label=${attachment.name}
    title=${attachment.name}
    data-index=${i}
    @click=${() => options.select(i)}
  >
    ${
      kind === 'image'
        ? html`<img
            src=${thumb}
            alt=""
            loading="lazy"
            draggable="false"
            @error=${() => options.mediaError(item.key)}
          />`
        : kind === 'video'
          ? html`<span class="thumb-icon" aria-hidden="true">${ICON_PLAY}</span>`
          : kind === 'audio'
            ? html`<span class="thumb-icon" aria-hidden="true">${ICON_AUDIO}</span>`
            : html`<span class="thumb-badge" aria-hidden="true">${fileBadge(attachment)}</span>`
    }
  </button>`;
}
