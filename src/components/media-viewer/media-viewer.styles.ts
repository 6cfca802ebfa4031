import { css } from 'lit';

export const styles = css`
  :host {
    --_sms-viewer-bg: var(--sms-media-viewer-background, rgb(0 0 0 / 0.92));
    --_sms-viewer-fg: var(--sms-media-viewer-color, #f3f4f6);
    --_sms-viewer-thumb: var(--sms-media-viewer-thumbnail-size, 56px);
    display: contents;
  }
  dialog {
    inline-size: 100vw;
    block-size: 100dvh;
    max-inline-size: none;
    max-block-size: none;
    margin: 0;
    padding: 0;
    border: 0;
    background: var(--_sms-viewer-bg);
    color: var(--_sms-viewer-fg);
    font-family: var(--_sms-font-family);
    font-size: var(--_sms-font-size);
    overflow: hidden;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .frame {
    display: flex;
    flex-direction: column;
    block-size: 100%;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-m);
    padding-block: var(--_sms-space-s);
    padding-inline: var(--_sms-space-l) var(--_sms-space-s);
    min-block-size: 52px;
  }
  .toolbar p {
    margin: 0;
  }
  .counter {
    flex: none;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .file-name {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    opacity: 0.9;
  }
  .actions {
    display: flex;
    gap: var(--_sms-space-xs);
  }
  .icon,
  .nav,
  .strip-toggle,
  .card-download {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    border-radius: 999px;
  }
  .icon {
    inline-size: 40px;
    block-size: 40px;
  }
  .icon:hover,
  .nav:hover,
  .strip-toggle:hover {
    background: rgb(255 255 255 / 0.14);
  }
  .icon[aria-expanded='true'] {
    background: rgb(255 255 255 / 0.22);
  }
  button:disabled,
  .nav[aria-disabled='true'] {
    opacity: 0.35;
  }
  :focus-visible {
    outline: 2px solid var(--sms-color-focus, #58a6ff);
    outline-offset: 2px;
  }
  .error {
    margin: 0;
    padding: var(--_sms-space-s) var(--_sms-space-l);
    background: #5c1a14;
    color: #fff;
  }
  .body {
    flex: 1;
    min-block-size: 0;
    display: flex;
  }
  .stage {
    position: relative;
    flex: 1;
    min-inline-size: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding-inline: 56px;
    /* Horizontal swipes are ours; vertical panning stays with the browser. */
    touch-action: pan-y;
    user-select: none;
  }
  .stage.zoomed {
    touch-action: none;
  }
  .zoom-box {
    display: flex;
    inline-size: 100%;
    block-size: 100%;
    overflow: hidden;
  }
  .zoomed .zoom-box {
    overflow: auto;
    cursor: grab;
  }
  .zoom-box img {
    margin: auto;
    max-inline-size: 100%;
    max-block-size: 100%;
    inline-size: auto;
    block-size: auto;
    object-fit: contain;
    opacity: 0;
    transition: opacity var(--_sms-duration) ease-out;
  }
  .zoom-box img.loaded {
    opacity: 1;
  }
  .zoomed .zoom-box img {
    max-inline-size: none;
    max-block-size: none;
  }
  video {
    max-inline-size: 100%;
    max-block-size: 100%;
    inline-size: auto;
    block-size: auto;
    background: #000;
  }
  .pdf {
    inline-size: 100%;
    block-size: 100%;
    border: 0;
    background: #fff;
  }
  .status {
    margin: 0;
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    pointer-events: none;
  }
  .card {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_sms-space-s);
    max-inline-size: min(420px, 100%);
    padding: var(--_sms-space-l) calc(var(--_sms-space-l) * 1.5);
    border-radius: var(--_sms-radius-m);
    background: rgb(255 255 255 / 0.08);
    text-align: center;
  }
  .card p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .card-name {
    font-weight: 600;
  }
  .card-meta,
  .card-note {
    opacity: 0.85;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-inline-size: 56px;
    block-size: 56px;
    padding-inline: var(--_sms-space-s);
    border-radius: var(--_sms-radius-s);
    background: rgb(255 255 255 / 0.16);
    font-weight: 700;
  }
  .card-download {
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-l);
    background: var(--_sms-viewer-fg);
    color: #111;
    font-weight: 600;
  }
  audio {
    inline-size: min(360px, 80vw);
  }
  .nav {
    position: absolute;
    inset-block-start: 50%;
    transform: translateY(-50%);
    inline-size: 44px;
    block-size: 44px;
    background: rgb(0 0 0 / 0.45);
  }
  .nav.previous {
    inset-inline-start: var(--_sms-space-s);
  }
  .nav.next {
    inset-inline-end: var(--_sms-space-s);
  }
  [dir='rtl'] .directional {
    transform: scaleX(-1);
  }
  .details {
    flex: none;
    inline-size: min(300px, 40vw);
    padding: var(--_sms-space-l);
    overflow: auto;
    background: rgb(255 255 255 / 0.06);
    border-inline-start: 1px solid rgb(255 255 255 / 0.15);
  }
  .details[hidden] {
    display: none;
  }
  .details dl {
    margin: 0;
    display: grid;
    gap: var(--_sms-space-m);
  }
  .details dt {
    font-size: var(--_sms-font-size-s);
    opacity: 0.8;
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .gallery {
    position: relative;
    flex: none;
    padding-block-start: var(--_sms-space-l);
  }
  .strip-toggle {
    position: absolute;
    inset-block-start: 0;
    inset-inline-end: var(--_sms-space-m);
    inline-size: 28px;
    block-size: 24px;
    background: rgb(255 255 255 / 0.12);
  }
  .strip-toggle svg {
    transform: rotate(180deg);
    transition: transform var(--_sms-duration);
  }
  .collapsed .strip-toggle svg {
    transform: none;
  }
  .strip {
    display: flex;
    gap: var(--_sms-space-s);
    padding: var(--_sms-space-s) var(--_sms-space-l) var(--_sms-space-m);
    overflow-x: auto;
    overscroll-behavior-inline: contain;
    scrollbar-width: thin;
  }
  .strip[hidden] {
    display: none;
  }
  .thumb {
    flex: none;
    inline-size: var(--_sms-viewer-thumb);
    block-size: var(--_sms-viewer-thumb);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    border-radius: var(--_sms-radius-s);
    background: rgb(255 255 255 / 0.12);
    opacity: 0.7;
    outline-offset: 2px;
  }
  .thumb[aria-current='true'] {
    opacity: 1;
    box-shadow: 0 0 0 2px var(--_sms-viewer-fg);
  }
  .thumb img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .thumb-badge {
    font-size: var(--_sms-font-size-s);
    font-weight: 700;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .strip-loading {
    flex: none;
    align-self: center;
    font-size: var(--_sms-font-size-s);
    white-space: nowrap;
  }
  @media (max-width: 600px) {
    .stage {
      padding-inline: 0;
    }
    .details {
      position: absolute;
      inset-inline-end: 0;
      inset-block: 52px 0;
      inline-size: min(320px, 90vw);
      background: rgb(20 20 20 / 0.96);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .zoom-box img,
    .strip-toggle svg {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    dialog {
      background: Canvas;
      color: CanvasText;
    }
    .thumb[aria-current='true'] {
      outline: 2px solid Highlight;
    }
    .card-download {
      border: 1px solid ButtonText;
      color: ButtonText;
    }
  }
`;
