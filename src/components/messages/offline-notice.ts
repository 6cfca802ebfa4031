import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long the connection may be down before the offline notice shows. */
const OFFLINE_NOTICE_DELAY_MS = 5000;

/**
 * Whether the "offline" notice shows: a reconnect within 5 s shows nothing; a longer outage
 * shows a non-blocking notice until the connection is back. Checked after each update of the
 * host (the connection is one of its observed values).
 */
export class OfflineNotice implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #offline: () => boolean;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Offline for longer than a short reconnect: the notice shows. */
  shown = false;

  constructor(host: ReactiveControllerHost, offline: () => boolean) {
    this.#host = host;
    this.#offline = offline;
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#offline()) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (this.shown) this.#show(false);
    } else if (!this.#timer && !this.shown) {
      this.#timer = setTimeout(() => this.#show(true), OFFLINE_NOTICE_DELAY_MS);
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #show(shown: boolean): void {
    this.shown = shown;
    this.#host.requestUpdate();
  }
}
