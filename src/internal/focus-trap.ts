/** The deepest focused element, through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Where focus goes back to on close: the focused element when it is `opener` or inside it
 * (an event's first target may be the host of the button that was really clicked), else
 * `opener`; the focused element when there is no opener.
 */
export function returnFocusTo(opener: Element | null | undefined): Element | null {
  const active = deepActiveElement();
  if (!opener) return active;
  for (
    let node: Node | null = active;
    node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  ) {
    if (node === opener) return active;
  }
  return opener;
}

/** The elements of `container` that Tab reaches, in document order. */
export function focusableIn(container: ParentNode): HTMLElement[] {
  return [
    ...container.querySelectorAll<HTMLElement>('button, video, audio, iframe, a[href], [tabindex]'),
  ].filter(
    (el) =>
      !(el as HTMLButtonElement).disabled &&
      (el.tabIndex >= 0 || el instanceof HTMLMediaElement || el instanceof HTMLIFrameElement) &&
      el.getAttribute('tabindex') !== '-1' &&
      (typeof el.checkVisibility !== 'function' || el.checkVisibility()),
  );
}

/**
 * Keeps focus inside a modal part of `host`'s shadow tree and gives it back on release:
 * {@link FocusTrap.capture} when it opens remembers where focus was,
 * {@link FocusTrap.handleTab} makes Tab and Shift+Tab cycle inside (the browser would
 * leave a modal `<dialog>` for its own UI), {@link FocusTrap.release} when it closes
 * focuses the remembered element again if it is still in the page.
 */
export class FocusTrap {
  readonly #host: HTMLElement;
  readonly #container: () => ParentNode | null | undefined;
  #opener: Element | null = null;

  /** `container` gives the element focus stays inside (e.g. the `<dialog>`). */
  constructor(host: HTMLElement, container: () => ParentNode | null | undefined) {
    this.#host = host;
    this.#container = container;
  }

  /** Remembers where focus goes back to: see {@link returnFocusTo}. */
  capture(opener?: Element | null): void {
    this.#opener = returnFocusTo(opener);
  }

  /** Gives focus back to the remembered element (when it is still connected) and forgets it. */
  release(): void {
    const opener = this.#opener;
    this.#opener = null;
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }

  /** Call on a Tab `keydown` inside the container: wraps from the last stop to the first and back. */
  handleTab(event: KeyboardEvent): void {
    const container = this.#container();
    const focusable = container ? focusableIn(container) : [];
    if (!focusable.length) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    const active = this.#host.shadowRoot?.activeElement ?? null;
    const outside = !active || !focusable.includes(active as HTMLElement);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  }
}
