import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Options of {@link ZoomPanController}. */
export interface ZoomPanOptions {
  /** The scrolling box the zoomed content sits in (panning scrolls it). */
  readonly box: () => HTMLElement | null | undefined;
  /** The content that is zoomed (its fitted size is measured when zooming starts). */
  readonly content: () => HTMLElement | null | undefined;
  /** Largest zoom (default 4). */
  readonly max?: number;
}

/**
 * Zoom and pan of one piece of content (an image) in a scrolling box: zoom by a factor of the
 * size it was fitted at, keeping the middle of the view in the middle; pan by dragging with one
 * pointer; Ctrl + wheel zooms by steps. The host renders the content at {@link contentSize} and
 * feeds pointer and wheel events to the `handle…` methods, which say whether they used them.
 */
export class ZoomPanController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ZoomPanOptions;
  #zoom = 1;
  #fitted: { width: number; height: number } | null = null;
  #pan: { pointerId: number; x: number; y: number } | null = null;

  constructor(host: ReactiveControllerHost, options: ZoomPanOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#pan = null;
  }

  /** The zoom factor: 1 is the fitted size. */
  get zoom(): number {
    return this.#zoom;
  }

  get zoomed(): boolean {
    return this.#zoom > 1;
  }

  /** The content's size while zoomed (fitted size × zoom), or nothing when fitted. */
  get contentSize(): { width?: string; height?: string } {
    const fitted = this.#fitted;
    if (!this.zoomed || !fitted) return {};
    return { width: `${fitted.width * this.#zoom}px`, height: `${fitted.height * this.#zoom}px` };
  }

  /** Back to the fitted size at once (another file is shown, or it failed to load). */
  reset(): void {
    if (this.#zoom === 1) return;
    this.#zoom = 1;
    this.#host.requestUpdate();
  }

  /** Zooms to `zoom` (1 … max), keeping the middle of the view in the middle. */
  set(zoom: number): void {
    if (zoom > 1 && this.#zoom === 1) {
      const box = this.#options.content()?.getBoundingClientRect();
      this.#fitted = box && box.width ? { width: box.width, height: box.height } : null;
    }
    const previous = this.#zoom;
    this.#zoom = zoom;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      const z = this.#options.box();
      if (!z || previous === zoom) return;
      const ratio = zoom / previous;
      z.scrollLeft = (z.scrollLeft + z.clientWidth / 2) * ratio - z.clientWidth / 2;
      z.scrollTop = (z.scrollTop + z.clientHeight / 2) * ratio - z.clientHeight / 2;
    });
  }

  /** Fitted ↔ twice the fitted size (the zoom button, a double-click). */
  toggle(): void {
    this.set(this.zoomed ? 1 : 2);
  }

  /** Ctrl + wheel: one step in or out. Returns whether the event was used (and prevented). */
  handleWheel(event: WheelEvent): boolean {
    if (!event.ctrlKey) return false;
    event.preventDefault();
    const max = this.#options.max ?? 4;
    const next = Math.min(max, Math.max(1, this.#zoom * (event.deltaY < 0 ? 1.25 : 0.8)));
    this.set(Math.abs(next - 1) < 0.05 ? 1 : next);
    return true;
  }

  /** Starts panning with this pointer when zoomed. Returns whether it did. */
  handlePointerDown(event: PointerEvent): boolean {
    if (!this.zoomed || !this.#options.box()) return false;
    this.#pan = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    return true;
  }

  /** Scrolls the box with the panning pointer. Returns whether the event was that pointer's. */
  handlePointerMove(event: PointerEvent): boolean {
    const pan = this.#pan;
    const box = this.#options.box();
    if (!pan || pan.pointerId !== event.pointerId || !box) return false;
    box.scrollLeft -= event.clientX - pan.x;
    box.scrollTop -= event.clientY - pan.y;
    this.#pan = { ...pan, x: event.clientX, y: event.clientY };
    return true;
  }

  /** Ends panning. Returns whether the event was the panning pointer's. */
  handlePointerUp(event: PointerEvent): boolean {
    if (this.#pan?.pointerId !== event.pointerId) return false;
    this.#pan = null;
    return true;
  }

  /** Forgets the panning pointer. */
  cancelPan(): void {
    this.#pan = null;
  }
}
