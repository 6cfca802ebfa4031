import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';

/** The two internals of `@lit-labs/virtualizer`'s `Virtualizer` this reads, and the one it adds. */
interface Positioning {
  _positionChildren?: (this: Positioning, pos: unknown) => void;
  /** The children read for the positioning under way (`undefined` between positionings). */
  smsChildren?: Element[] | undefined;
}

const patched = new WeakSet<object>();

/**
 * `@lit-labs/virtualizer` 2.1 positions its rows with `this._children[index - first]` for each
 * row, and `_children` is a getter that walks every child of the host and builds a new array:
 * quadratic in the rows rendered, on every DOM update. In an inbound burst (the list and the open
 * thread updated every frame) it was the largest single function of the main thread's time
 * (`get _children`, 2.5 s of a 10 s burst: `npm run bench -- --only burst-parts`).
 *
 * This makes each positioning read the children once: the getter answers with the array read at
 * the start of the positioning while one is under way (nothing in between adds or removes a
 * child, so the result is the same). Applied once per `Virtualizer` class, the first time one of
 * our virtualizers has its instance; left alone when the library's internals are not the ones
 * described here.
 */
export function positionChildrenOnce(host: VirtualizerHostElement): void {
  const virtualizer = host[virtualizerRef];
  if (!virtualizer) return;
  const proto = Object.getPrototypeOf(virtualizer) as Positioning;
  if (patched.has(proto)) return;
  patched.add(proto);
  const position = proto._positionChildren;
  const children = Object.getOwnPropertyDescriptor(proto, '_children');
  const read = children?.get;
  if (typeof position !== 'function' || typeof read !== 'function' || !children?.configurable) return;
  Object.defineProperty(proto, '_children', {
    ...children,
    get(this: Positioning): Element[] {
      return this.smsChildren ?? (read.call(this) as Element[]);
    },
  });
  proto._positionChildren = function (this: Positioning, pos: unknown): void {
    this.smsChildren = read.call(this) as Element[];
    try {
      position.call(this, pos);
    } finally {
      this.smsChildren = undefined;
    }
  };
}
