import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * Subscribes a host to an observable while it is connected and re-renders on every value.
 * The source is re-read before each update, so it can depend on the host's properties
 * (the client, a conversation id); a new observable replaces the old subscription.
 */
export class ObserveController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => Observable<T> | undefined;
  #current: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  value: T | undefined;

  constructor(host: ReactiveControllerHost, source: () => Observable<T> | undefined) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#current = undefined;
  }

  #sync(): void {
    if (!this.#connected) return;
    const next = this.#source();
    if (next === this.#current) return;
    this.#subscription?.unsubscribe();
    this.#current = next;
    this.value = undefined;
    let synchronous = true;
    this.#subscription = next?.subscribe((value) => {
      this.value = value;
      if (!synchronous) this.#host.requestUpdate();
    });
    synchronous = false;
  }
}
