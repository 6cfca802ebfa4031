/**
 * Features of the whole app that most pages do not show at once, loaded on first use and
 * prefetched while the page is idle after its first paint (decision 0027): the media viewer with
 * "Media & files", and search with its index. In the single file each is a file of its own next
 * to `sms-elements.bundle.js` (`sms-elements.media.js`, `sms-elements.search.js`), found from the
 * bundle's own URL; from npm they are ordinary dynamic imports the host's bundler splits.
 */
import type { SmsElement } from '../internal/sms-element.js';

const importers = {
  media: () => import('./media.js'),
  search: () => import('./search.js'),
};

/** A feature that loads on first use: `media` (viewer, "Media & files") or `search`. */
export type LazyFeature = keyof typeof importers;

/** The tags each feature registers. */
const featureTags: Readonly<Record<LazyFeature, readonly string[]>> = {
  media: ['sms-media-viewer', 'sms-media-files'],
  search: ['sms-search'],
};

/**
 * Whether the feature's tags are already registered in `registry` (the host imported them itself,
 * e.g. `sms-elements/define`): then its elements can be drawn before its module is at hand here.
 */
export function featureDefined(name: LazyFeature, registry: CustomElementRegistry = customElements): boolean {
  return featureTags[name].every((tag) => registry.get(tag) !== undefined);
}

/** What a feature's module exports (its element classes and API). */
export type FeatureModule<K extends LazyFeature> = Awaited<ReturnType<(typeof importers)[K]>>;

const pending = new Map<LazyFeature, Promise<unknown>>();
const ready = new Map<LazyFeature, unknown>();
const listeners = new Set<(name: LazyFeature) => void>();
let prefetching = false;

/** Calls `listener` each time a feature arrives; returns the function that stops it. */
export function onFeatureLoaded(listener: (name: LazyFeature) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function defineAll(elements: Readonly<Record<string, typeof SmsElement>>, registry: CustomElementRegistry) {
  for (const [tag, element] of Object.entries(elements)) element.define(tag, registry);
}

/** The feature's module when it has loaded, without waiting. */
export function loadedFeature<K extends LazyFeature>(name: K): FeatureModule<K> | undefined {
  return ready.get(name) as FeatureModule<K> | undefined;
}

/**
 * Loads a feature (once) and registers its elements in `registry` under their default tags.
 * Rejects when its file cannot be fetched (offline, a 404): the next call tries again.
 */
export function loadFeature<K extends LazyFeature>(
  name: K,
  registry: CustomElementRegistry = customElements,
): Promise<FeatureModule<K>> {
  const done = ready.get(name) as FeatureModule<K> | undefined;
  if (done) {
    defineAll(done.elements, registry);
    return Promise.resolve(done);
  }
  let load = pending.get(name) as Promise<FeatureModule<K>> | undefined;
  if (!load) {
    load = (importers[name]() as Promise<FeatureModule<K>>).then(
      (module) => {
        ready.set(name, module);
        pending.delete(name);
        defineAll(module.elements, registry);
        for (const listener of [...listeners]) listener(name);
        return module;
      },
      (error: unknown) => {
        pending.delete(name);
        throw error;
      },
    );
    pending.set(name, load);
  }
  return load.then((module) => {
    defineAll(module.elements, registry);
    return module;
  });
}

/** Runs `callback` once the page has painted and is idle (a timeout where there is no idle callback). */
function afterPaintWhenIdle(callback: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (c: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  requestAnimationFrame(() =>
    setTimeout(() => (idle ? idle(callback, { timeout: 3000 }) : setTimeout(callback, 200)), 0),
  );
}

/**
 * Loads every feature while the page is idle after its first paint, one after the other, so a
 * person who goes offline a minute later still has them. Once per page; a feature that fails
 * here is loaded again when it is needed (and says so if it still cannot be).
 */
export function prefetchFeatures(registry: CustomElementRegistry = customElements): void {
  if (prefetching || typeof requestAnimationFrame !== 'function') return;
  prefetching = true;
  afterPaintWhenIdle(() => {
    void (Object.keys(importers) as LazyFeature[]).reduce<Promise<unknown>>(
      (previous, name) => previous.then(() => loadFeature(name, registry).catch(() => undefined)),
      Promise.resolve(),
    );
  });
}
