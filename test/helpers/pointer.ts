/** The centre of an element, in page coordinates, where the real pointer (`sendMouse`) is sent. */
export function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}
