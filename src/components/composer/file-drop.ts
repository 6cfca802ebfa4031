import type { ReactiveControllerHost } from 'lit';

/**
 * Files dropped on the composer, pasted into its field or picked with the paperclip: `dragging`
 * is true while files are dragged over it (the drop hint shows), and the files go to `add` (the
 * attachment queue, which checks them). Drags without files (text, links) and pastes of plain
 * text are left to the browser. The handlers are bound to the element's template.
 */
export class FileDrop {
  readonly #host: ReactiveControllerHost;
  readonly #add: (files: File[]) => void;
  /** Enter and leave fire for every child crossed: the drag is over the composer while this is above 0. */
  #depth = 0;
  /** Files are being dragged over the composer. */
  dragging = false;

  constructor(host: ReactiveControllerHost, add: (files: File[]) => void) {
    this.#host = host;
    this.#add = add;
  }

  readonly dragEnter = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.#depth++;
    this.#setDragging(true);
  };

  readonly dragOver = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  readonly dragLeave = (): void => {
    this.#depth = Math.max(0, this.#depth - 1);
    if (!this.#depth) this.#setDragging(false);
  };

  readonly drop = (event: DragEvent): void => {
    this.#depth = 0;
    this.#setDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    this.#add(files);
  };

  readonly paste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    this.#add(files);
  };

  /** Files chosen with the paperclip's file input (emptied, so the same file can be chosen again). */
  readonly picked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (!input.files) return;
    const files = [...input.files];
    input.value = '';
    this.#add(files);
  };

  #setDragging(dragging: boolean): void {
    if (dragging === this.dragging) return;
    this.dragging = dragging;
    this.#host.requestUpdate();
  }
}

function hasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}
