import type { ZoomPanController } from '../../controllers/zoom-pan-controller.js';
import { SwipeTracker } from './swipe.js';

/** What {@link StageGestures} asks of the viewer. */
export interface StageGesturesOptions {
  /** Zoom and pan of the image on screen: it takes a pointer first when the image is zoomed. */
  readonly zoom: ZoomPanController;
  /** Whether the page reads right to left (a swipe's meaning flips). */
  readonly rtl: () => boolean;
  /** Whether the file on screen is an image (Ctrl + wheel zooms it). */
  readonly isImage: () => boolean;
  /** A swipe moved to the next (`1`) or previous (`-1`) file. */
  readonly step: (by: 1 | -1) => void;
}

/**
 * The pointer routing of the viewer's stage: a pointer goes to the zoom (pan of a zoomed image)
 * or else to the swipe tracker, and a swipe becomes a step through the gallery in reading order.
 * The handlers are bound to the stage by the element's template.
 */
export class StageGestures {
  readonly #options: StageGesturesOptions;
  readonly #swipe = new SwipeTracker();

  constructor(options: StageGesturesOptions) {
    this.#options = options;
  }

  readonly pointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest('button, iframe')) return;
    if (target instanceof HTMLMediaElement && event.pointerType === 'mouse') return;
    if (!this.#options.zoom.handlePointerDown(event)) this.#swipe.start(event);
    try {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    } catch {
      // A synthetic or already-released pointer cannot be captured; tracking still works.
    }
  };

  readonly pointerMove = (event: PointerEvent): void => {
    if (!this.#options.zoom.handlePointerMove(event)) this.#swipe.move(event);
  };

  readonly pointerUp = (event: PointerEvent): void => {
    if (this.#options.zoom.handlePointerUp(event)) return;
    const direction = this.#swipe.end(event);
    if (!direction) return;
    // Content pushed to the left brings in what follows in a left-to-right reading order.
    const forward = (direction === 'left') !== this.#options.rtl();
    this.#options.step(forward ? 1 : -1);
  };

  readonly pointerCancel = (): void => {
    this.cancel();
    this.#options.zoom.cancelPan();
  };

  readonly wheel = (event: WheelEvent): void => {
    if (this.#options.isImage()) this.#options.zoom.handleWheel(event);
  };

  /** Forgets a swipe under way (the viewer closed). */
  cancel(): void {
    this.#swipe.cancel();
  }
}
