import { css, html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller.js';
import {
  featureDefined,
  loadFeature,
  loadedFeature,
  onFeatureLoaded,
  prefetchFeatures,
} from '../../features/load.js';
import type { FeatureModule, LazyFeature } from '../../features/load.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly isUpdatePending: boolean };

/**
 * The parts of `<sms-messages>` that load on first use (decision 0027): prefetched once the page
 * is idle after its first paint; when one is needed before it has arrived, the control that asked
 * shows it is busy (`aria-busy`, a progress cursor) and the action runs when it arrives. When its
 * file cannot be fetched (offline before the prefetch, a 404), a message with "Try again" says
 * so; nothing the person typed or chose is touched, and "Try again" runs the same action again.
 */
export class FeatureLoads implements ReactiveController {
  readonly #host: Host;
  readonly #locale: LocaleController;
  readonly #arrived: (name: LazyFeature) => void;
  readonly #busy = new Set<LazyFeature>();
  #failed: (() => void) | undefined;
  #stop: (() => void) | undefined;

  /** `arrived` runs after the host's first render with a feature that has loaded (prefetched or asked for). */
  constructor(host: Host, locale: LocaleController, arrived: (name: LazyFeature) => void) {
    this.#host = host;
    this.#locale = locale;
    this.#arrived = arrived;
    host.addController(this);
  }

  /** The registry the host's shadow root creates elements from. */
  get #registry(): CustomElementRegistry {
    const root = this.#host.shadowRoot as (ShadowRoot & { customElements?: CustomElementRegistry }) | null;
    return root?.customElements ?? customElements;
  }

  hostConnected(): void {
    const arrive = (name: LazyFeature) => {
      this.#host.requestUpdate();
      void this.#host.updateComplete.then(() => this.#host.isConnected && this.#arrived(name));
    };
    this.#stop = onFeatureLoaded(arrive);
    for (const name of ['media', 'search'] as const) {
      if (loadedFeature(name)) arrive(name);
      // Registered by the host already (it imported them): its module is at hand, take it now.
      else if (featureDefined(name, this.#registry)) loadFeature(name, this.#registry).catch(() => undefined);
    }
    prefetchFeatures(this.#registry);
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** Whether the feature has loaded (its elements can be rendered). */
  ready(name: LazyFeature): boolean {
    return loadedFeature(name) !== undefined || featureDefined(name, this.#registry);
  }

  /** Whether the feature is being fetched because it was asked for. */
  busy(name: LazyFeature): boolean {
    return this.#busy.has(name);
  }

  /**
   * Runs `action` with the feature, at once when it has loaded, or after the host's next render
   * once it arrives (so its elements are in the page); `control` shows it is busy meanwhile.
   */
  use<K extends LazyFeature>(
    name: K,
    action: (module: FeatureModule<K>) => void,
    control?: Element | null,
  ): void {
    const loaded = loadedFeature(name);
    if (loaded) {
      void loadFeature(name, this.#registry); // registers its elements at once
      // Arrived by the prefetch and not rendered yet: after that render.
      if (this.#host.isUpdatePending) void this.#host.updateComplete.then(() => action(loaded));
      else action(loaded);
      return;
    }
    this.#busy.add(name);
    this.#failed = undefined;
    control?.setAttribute('aria-busy', 'true');
    this.#host.requestUpdate();
    const settle = () => {
      this.#busy.delete(name);
      control?.removeAttribute('aria-busy');
      this.#host.requestUpdate();
    };
    loadFeature(name, this.#registry).then(
      (module) => {
        settle();
        void this.#host.updateComplete.then(() => action(module));
      },
      () => {
        settle();
        this.#failed = () => this.use(name, action, control);
      },
    );
  }

  /** Whether a feature is loading for the person: the app shows a progress cursor. */
  get anyBusy(): boolean {
    return this.#busy.size > 0;
  }

  /** The message of a feature that could not be loaded, with "Try again"; nothing otherwise. */
  render(): TemplateResult | typeof nothing {
    const retry = this.#failed;
    if (!retry && !this.anyBusy) return nothing;
    return html`<div class="feature-load" part="notice" role=${retry ? 'alert' : 'status'}>
      ${
        retry
          ? html`<span>${this.#locale.t('featureFailed')}</span>
              <button
                type="button"
                @click=${() => {
                  this.#failed = undefined;
                  retry();
                }}
              >
                ${this.#locale.t('tryAgain')}
              </button>`
          : html`<span>${this.#locale.t('featureLoading')}</span>`
      }
    </div>`;
  }
}

/** Styles of the message above (a bar at the bottom of the app, seen in either pane). */
export const featureLoadStyles = css`
  .app[data-loading] {
    cursor: progress;
  }
  .feature-load {
    position: absolute;
    inset-inline: var(--_sms-space-l);
    inset-block-end: var(--_sms-space-l);
    z-index: 20;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sms-space-s);
    align-items: center;
    padding: var(--_sms-space-s) var(--_sms-space-l);
    font-size: var(--_sms-font-size-s);
    background: var(--_sms-surface);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-m);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.16);
  }
  .feature-load button {
    text-decoration: underline;
  }
`;
