/**
 * The thread's layout for `@lit-labs/virtualizer`: the flow layout, bottom-anchored while the
 * thread follows its newest message.
 *
 * The flow layout starts at the top: opening a thread at its newest then took the thread setting
 * `scrollTop` to the end, the virtualizer rendering and measuring the rows there, correcting its
 * estimate, and the thread following, three or four round trips of a frame or two (see
 * docs/performance.md). Here, while the thread follows the end, every reflow places the last row
 * at the end of the view itself (the layout's pin, which the virtualizer applies as a scroll
 * correction in the same update), so the first layout pass already shows the newest rows at the
 * bottom, and rows measured later keep them there: the thread never writes `scrollTop` to stay
 * at the end.
 *
 * Unlike the built-in pin, a scroll event does not drop it by itself: the virtualizer calls
 * {@link ThreadLayout.unpin} for every scroll it did not make (its own corrections excepted),
 * and the layout hands that to the thread ({@link FollowEnd.strayScroll}), which looks at where
 * the view is. A scroll that left the end (the person, a screen reader, find in page, the host
 * page) releases the pin; one that stays at the end (the browser clamping the scroll position
 * after rows shrank) keeps it.
 *
 * It also renders less beyond the view than the flow layout (which keeps 1,000 px on each side):
 * fewer rows to build when a thread opens and on each frame of a fast scroll.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** Where the layout pins a row (the package does not export the type). */
type PinOptions = NonNullable<FlowLayout['pin']>;

/** Pixels rendered above and below the view. */
const OVERHANG = 400;
/** Below this many rows under the view, the space they take is summed from their measured sizes. */
const MEASURED_BELOW = 2000;
/** The last row at the end of the view (the layout clamps the index to the last row). */
const END: PinOptions = { index: Number.MAX_SAFE_INTEGER, block: 'end' };

/** Whether the thread's view follows its newest row; shared by the thread and its layout. */
export class FollowEnd {
  /** The element that scrolls the thread (the layout corrects the virtualizer's offset with it). */
  scroller: () => HTMLElement | null | undefined = () => undefined;
  /**
   * Called while following when the view scrolled and neither the layout nor the thread did it:
   * the thread decides whether the view left the end (and sets `end` to false).
   */
  strayScroll: () => void = () => undefined;
  #end = true;
  #layout: ThreadLayout | undefined;

  /** Whether the last row is held at the end of the view. */
  get end(): boolean {
    return this.#end;
  }

  set end(end: boolean) {
    if (end === this.#end) return;
    this.#end = end;
    this.#layout?.followChanged();
  }

  /** Called by the layout that reads it. */
  attach(layout: ThreadLayout): void {
    this.#layout = layout;
  }
}

/** The layout config the thread gives `<sms-virtualizer>`. */
export interface ThreadLayoutConfig {
  type: typeof ThreadLayout;
  follow: FollowEnd;
}

/** The flow layout, pinned to its last row while `follow.end` is set. */
export class ThreadLayout extends FlowLayout {
  #follow: FollowEnd | undefined;
  /** The scroller's `scrollTop` when the virtualizer last measured the view. */
  #scrollTop = 0;

  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = OVERHANG;
  }

  /** The thread's follow state (given in the layout config: the same object on every render). */
  set follow(follow: FollowEnd | undefined) {
    if (follow === this.#follow) return;
    this.#follow = follow;
    follow?.attach(this);
    this.followChanged();
  }

  get follow(): FollowEnd | undefined {
    return this.#follow;
  }

  override get viewportScroll(): FlowLayout['viewportScroll'] {
    return super.viewportScroll;
  }

  /** Set by the virtualizer with `offsetWithinScroller`, from the same reads. */
  override set viewportScroll(coords: FlowLayout['viewportScroll']) {
    this.#scrollTop = this.#follow?.scroller()?.scrollTop ?? 0;
    // A view that moved by more than its height since the last measure (a scrollbar dragged, a
    // traverse) renders only the rows in view: rows beyond it would be replaced on the next frame
    // anyway. The overhang comes back with the next smaller scroll. Not while following the end
    // (opening a thread jumps there too, and stays).
    const top = coords.top;
    const jumped = top !== undefined && Math.abs(top - this._scrollPosition) > this._viewDim1;
    this._overhang = jumped && !this.#follow?.end ? 0 : OVERHANG;
    super.viewportScroll = coords;
  }

  /**
   * The virtualizer measures `offsetWithinScroller` from the host's and scroller's bounding boxes,
   * so when the virtualizer is inside its scroller (ours: the thread's `.scroller`) it is the
   * offset minus the scroll position, and a pin lands `scrollTop` px off. Pins here with the
   * host's offset in the scroller's content.
   */
  protected override _setPositionFromPin(): void {
    const measured = this.offsetWithinScroller;
    this.offsetWithinScroller = { ...measured, top: measured.top + this.#scrollTop };
    try {
      super._setPositionFromPin();
    } finally {
      this.offsetWithinScroller = measured;
    }
  }

  /**
   * The flow layout sizes the whole list as rows × their average size. Measuring rows further up
   * changes that average, and with it where the end is: the list got shorter under the person
   * reading, and the browser pulled the view down to the new end. Here the space below the rows
   * laid out is what the rows below them take (as measured, or the average for rows not measured):
   * the end stays where it was, and estimates are absorbed at the top, where the flow layout
   * corrects them when the first row comes into range.
   */
  override _updateScrollSize(): void {
    super._updateScrollSize();
    const count = this.items.length;
    if (this._last < 0 || this._last >= count - 1 || this._physicalItems.size === 0) return;
    const below = count - 1 - this._last;
    const delta = this._delta;
    let rest = 0;
    if (below > MEASURED_BELOW) rest = below * delta;
    else {
      const margin = this._metricsCache.averageMarginSize;
      for (let i = this._last + 1; i < count; i++)
        rest += (this._metricsCache.getChildSize(i) ?? this._getAverageSize()) + margin;
    }
    this._scrollSize = Math.max(1, this._physicalMax + rest);
  }

  /**
   * When the view lands entirely beyond the rows laid out (a fast scroll, a scrollbar drag), the
   * flow layout picks the row at `scroll position ÷ average row size`, but places it at a position
   * estimated from the rows laid out (their measured end plus the average per row between). The
   * two disagree by whatever measuring has corrected so far (here, also the space below the rows,
   * see `_updateScrollSize`), the row lands outside the view, and the layout corrects the scroll
   * position by the difference: a forced layout (reading `scrollTop`) and a scroll event more on
   * almost every frame of a traverse (about a seventh of its main-thread time, docs/performance.md).
   * Here the row chosen is the one whose estimated position is the middle of the view.
   */
  override _calculateAnchor(lower: number, upper: number): number {
    const index = super._calculateAnchor(lower, upper);
    const count = this.items.length;
    if (index === 0 || index === count - 1 || this._first < 0 || this._last < 0) return index;
    const first = this._getPhysicalItem(this._first);
    const last = this._getPhysicalItem(this._last);
    const c = this._metricsCache;
    const step = c.averageChildSize + c.averageMarginSize;
    if (!first || !last || !(step > 0)) return index;
    const middle = (lower + upper) / 2;
    let at: number;
    if (middle > last.pos) {
      // As `_estimatePosition` places a row after the last one laid out (`after` + rows × step).
      const after =
        last.pos +
        (c.getChildSize(this._last) || c.averageChildSize) +
        (c.getMarginSize(this._last) || c.averageMarginSize);
      at = this._last + Math.max(1, Math.floor((middle - after) / step));
    } else if (middle < first.pos) {
      // …and before the first one.
      const before =
        first.pos - (c.getMarginSize(this._first - 1) || c.averageMarginSize) + c.averageMarginSize;
      at = this._first - Math.max(1, Math.ceil((before - middle) / step));
    } else return index;
    return Math.max(0, Math.min(count - 1, at));
  }

  /** The thread went back to the end, or left it. */
  followChanged(): void {
    if (this.#follow?.end) {
      this._pin = END;
      this._triggerReflow();
    } else if (this._pin === END) {
      // Left the end: the next reflow anchors on the rows in view, not on the last one.
      this._pin = null;
      this._resetReflowState();
    }
  }

  /**
   * Called by the virtualizer on every scroll it did not make. While following, the thread
   * decides (the view may still be at the end); a pin of another kind goes as in the flow layout.
   */
  override unpin(): void {
    if (this._pin === END) {
      if (this.#follow?.end) this.#follow.strayScroll();
      return;
    }
    super.unpin();
  }
}
