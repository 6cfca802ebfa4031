/** Which way the content was pushed, on screen. */
export type SwipeDirection = 'left' | 'right';

/** Options of {@link SwipeTracker}. */
export interface SwipeOptions {
  /** Smallest horizontal travel in CSS pixels that counts as a swipe (default 40). */
  readonly threshold?: number;
  /** Horizontal travel must be this many times the vertical travel (default 1.5). */
  readonly ratio?: number;
}

/**
 * Turns one pointer's `pointerdown` → `pointermove`… → `pointerup` into a horizontal swipe.
 * Tracks a single pointer (a second finger cancels, for pinch gestures); `pointercancel`
 * forgets it. Pure: the element decides which pointers to feed it and what a swipe does.
 */
export class SwipeTracker {
  readonly #threshold: number;
  readonly #ratio: number;
  #pointer: number | null = null;
  #startX = 0;
  #startY = 0;
  #lastX = 0;
  #lastY = 0;

  constructor(options: SwipeOptions = {}) {
    this.#threshold = options.threshold ?? 40;
    this.#ratio = options.ratio ?? 1.5;
  }

  /** Whether a pointer is being tracked. */
  get tracking(): boolean {
    return this.#pointer !== null;
  }

  /** Horizontal travel so far (positive to the right), for a drag preview. */
  get deltaX(): number {
    return this.#pointer === null ? 0 : this.#lastX - this.#startX;
  }

  start(event: Pick<PointerEvent, 'pointerId' | 'clientX' | 'clientY' | 'isPrimary'>): void {
    if (!event.isPrimary) {
      this.cancel();
      return;
    }
    this.#pointer = event.pointerId;
    this.#startX = this.#lastX = event.clientX;
    this.#startY = this.#lastY = event.clientY;
  }

  move(event: Pick<PointerEvent, 'pointerId' | 'clientX' | 'clientY'>): void {
    if (event.pointerId !== this.#pointer) return;
    this.#lastX = event.clientX;
    this.#lastY = event.clientY;
  }

  /** Ends the gesture: the direction of a swipe, or `null` for a tap, a vertical drag or another pointer. */
  end(event: Pick<PointerEvent, 'pointerId' | 'clientX' | 'clientY'>): SwipeDirection | null {
    if (event.pointerId !== this.#pointer) return null;
    this.move(event);
    const dx = this.#lastX - this.#startX;
    const dy = this.#lastY - this.#startY;
    this.#pointer = null;
    if (Math.abs(dx) < this.#threshold || Math.abs(dx) < Math.abs(dy) * this.#ratio) return null;
    return dx < 0 ? 'left' : 'right';
  }

  cancel(): void {
    this.#pointer = null;
  }
}
