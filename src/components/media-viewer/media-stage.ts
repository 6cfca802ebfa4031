import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_AUDIO, ICON_DOWNLOAD, ICON_NEXT, ICON_PREVIOUS } from '../../internal/icons.js';
import { styleProps } from '../../internal/style-props.js';
import { fileBadge, normalizeType } from '../../rules/media-preview.js';
import type { PreviewKind } from '../../rules/media-preview.js';
import type { GalleryItem } from './gallery-items.js';
import type { PdfPreviewState } from './pdf-preview.js';
import type { ThreadState } from '../../store/state.js';

/** What the stage says while no file is on screen. */
export type StageStatus = 'loading' | 'empty' | 'failed';

/**
 * What the stage says while no file is on screen: the thread failed (and no page is being read
 * again), it is still loading (or has files the gallery is reaching), or the chat has no files.
 */
export function stageStatus(
  thread: ThreadState | undefined,
  opened: boolean,
  gallery: { readonly loadingMore: unknown; readonly items: readonly unknown[] },
): StageStatus {
  if (thread?.error && !gallery.loadingMore) return 'failed';
  const loading = opened && (!thread || thread.status !== 'ready' || gallery.items.length > 0);
  return loading ? 'loading' : 'empty';
}

/** What the stage shows and what its files report. */
export interface StageOptions {
  /** How the file on screen is shown (`card` once it failed to load). */
  readonly kind: PreviewKind | null;
  /** Whether the file on screen has loaded (its spinner goes). */
  readonly ready: boolean;
  /** Without a file on screen. */
  readonly status: StageStatus;
  /** The size of the image while zoomed (nothing when fitted). */
  readonly imageSize: { width?: string; height?: string };
  /** The PDF check of the file on screen. */
  readonly pdf: PdfPreviewState;
  readonly toggleZoom: () => void;
  /** An image loaded, or the metadata of a video or audio. */
  readonly loaded: (key: string, event: Event) => void;
  readonly mediaError: (key: string) => void;
  readonly download: () => void;
}

/**
 * The file on screen: an image in its zoom box, a video or audio player, the verified PDF in the
 * browser's viewer, or the card (name, type, size, download) for every other file; a status
 * line without a file.
 */
export function renderStage(
  t: LocaleController,
  current: GalleryItem | undefined,
  options: StageOptions,
): TemplateResult {
  if (!current) {
    if (options.status === 'failed') return html`<p class="status" role="alert">${t.t('viewerFailed')}</p>`;
    const text = options.status === 'loading' ? t.t('loading') : t.t('viewerEmpty');
    return html`<p class="status" role="status">${text}</p>`;
  }
  const { attachment, key } = current;
  const loaded = options.ready;
  const spinner = loaded ? nothing : html`<p class="status overlay" role="status">${t.t('loading')}</p>`;
  switch (options.kind) {
    case 'image':
      return html`<div class="zoom-box" @dblclick=${options.toggleZoom}>
          ${keyed(
            key,
            html`<img
              part="image"
              class=${loaded ? 'loaded' : ''}
              src=${attachment.url}
              alt=${attachment.name}
              width=${ifDefined(attachment.width)}
              height=${ifDefined(attachment.height)}
              draggable="false"
              decoding="async"
              style=${styleProps(options.imageSize)}
              @load=${(e: Event) => options.loaded(key, e)}
              @error=${() => options.mediaError(key)}
            />`,
          )}
        </div>
        ${spinner}`;
    case 'video':
      return html`${keyed(
        key,
        html`<video
          part="video"
          src=${attachment.url}
          controls
          preload="metadata"
          playsinline
          aria-label=${attachment.name}
          width=${ifDefined(attachment.width)}
          height=${ifDefined(attachment.height)}
          @loadedmetadata=${(e: Event) => options.loaded(key, e)}
          @error=${() => options.mediaError(key)}
        ></video>`,
      )}
      ${spinner}`;
    case 'audio':
      return html`<div class="card audio-card">
        <span class="badge" aria-hidden="true">${ICON_AUDIO}</span>
        <p class="card-name" dir="auto">${attachment.name}</p>
        ${keyed(
          key,
          html`<audio
            part="audio"
            src=${attachment.url}
            controls
            preload="metadata"
            aria-label=${attachment.name}
            @loadedmetadata=${(e: Event) => options.loaded(key, e)}
            @error=${() => options.mediaError(key)}
          ></audio>`,
        )}
      </div>`;
    case 'pdf':
      if (options.pdf.status === 'ready')
        return html`<iframe part="pdf" class="pdf" src=${options.pdf.url} title=${attachment.name}></iframe>`;
      if (options.pdf.status === 'card') return renderCard(t, current, options.download);
      return html`<p class="status" role="status">${t.t('loading')}</p>`;
    default:
      return renderCard(t, current, options.download);
  }
}

/** The card of a file without a preview: its badge, name, type and size, and a download button. */
function renderCard(t: LocaleController, { attachment }: GalleryItem, download: () => void): TemplateResult {
  const type = normalizeType(attachment.type) || t.t('viewerUnknownType');
  return html`<div class="card" part="card">
    <span class="badge" aria-hidden="true">${fileBadge(attachment)}</span>
    <p class="card-name" dir="auto">${attachment.name}</p>
    <p class="card-meta"><span>${type}</span> · <span>${t.bytes(attachment.size)}</span></p>
    <p class="card-note">${t.t('viewerNoPreview')}</p>
    <button class="card-download" @click=${download}>${ICON_DOWNLOAD}<span>${t.t('download')}</span></button>
  </div>`;
}

/** An on-screen arrow to the previous or next file (`aria-disabled` at either end, so it keeps its focus). */
export function renderNav(
  t: LocaleController,
  which: 'previous' | 'next',
  enabled: boolean,
  go: () => void,
): TemplateResult {
  const label = t.t(which === 'previous' ? 'viewerPrevious' : 'viewerNext');
  return html`<button
    class="nav ${which}"
    part="${which}-button"
    aria-label=${label}
    title=${label}
    aria-disabled=${enabled ? 'false' : 'true'}
    @click=${go}
  >
    ${which === 'previous' ? ICON_PREVIOUS : ICON_NEXT}
  </button>`;
}
