import type { ReactiveController } from 'lit';

/**
 * A controller that brings something in step with its host (a subscription, a listener) once
 * connected and after each update, and lets it go when the host disconnects. A subclass calls
 * `host.addController(this)` at the end of its constructor, once its fields are set.
 */
export abstract class SyncedController implements ReactiveController {
  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  abstract hostDisconnected(): void;

  /** Brings the controller in step with its host now. */
  protected abstract sync(): void;
}
