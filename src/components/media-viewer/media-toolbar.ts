import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { ICON_CLOSE, ICON_DOWNLOAD, ICON_INFO, ICON_ZOOM_IN, ICON_ZOOM_OUT } from '../../internal/icons.js';
import type { GalleryItem } from './gallery-items.js';

/** What the viewer's top bar shows and what its buttons do. */
export interface ToolbarOptions {
  /** The file on screen, if any. */
  readonly current: GalleryItem | undefined;
  /** Its place (from 1) among `count` files. */
  readonly position: number;
  readonly count: number;
  /** Which way the zoom button zooms; `null` without one (the file is not an image). */
  readonly zoom: 'in' | 'out' | null;
  readonly detailsOpen: boolean;
  readonly toggleZoom: () => void;
  readonly toggleDetails: () => void;
  readonly download: () => void;
  readonly close: () => void;
}

/** The top bar: "3 of 12", the file name, and the zoom, details, download and close buttons. */
export function renderToolbar(t: LocaleController, o: ToolbarOptions): TemplateResult {
  const zoomLabel = o.zoom === 'out' ? t.t('viewerZoomOut') : t.t('viewerZoomIn');
  return html`<header class="toolbar" part="toolbar">
    <p class="counter" part="counter" aria-live="polite" aria-atomic="true">
      ${o.current ? t.t('viewerPosition', o.position, o.count) : nothing}
    </p>
    <p class="file-name" part="file-name" dir="auto">${o.current?.attachment.name ?? ''}</p>
    <div class="actions">
      ${
        o.zoom
          ? html`<button
              class="icon zoom"
              part="zoom-button"
              aria-label=${zoomLabel}
              title=${zoomLabel}
              @click=${o.toggleZoom}
            >
              ${o.zoom === 'out' ? ICON_ZOOM_OUT : ICON_ZOOM_IN}
            </button>`
          : nothing
      }
      <button
        class="icon details-toggle"
        part="details-button"
        aria-label=${t.t('viewerDetails')}
        title=${t.t('viewerDetails')}
        aria-expanded=${o.detailsOpen ? 'true' : 'false'}
        aria-controls="details"
        ?disabled=${!o.current}
        @click=${o.toggleDetails}
      >
        ${ICON_INFO}
      </button>
      <button
        class="icon download"
        part="download-button"
        aria-label=${t.t('download')}
        title=${t.t('download')}
        ?disabled=${!o.current}
        @click=${o.download}
      >
        ${ICON_DOWNLOAD}
      </button>
      <button
        class="icon close"
        part="close-button"
        aria-label=${t.t('close')}
        title=${t.t('close')}
        @click=${o.close}
      >
        ${ICON_CLOSE}
      </button>
    </div>
  </header>`;
}
