/**
 * The virtualizer our list and thread render, under a tag of our own.
 *
 * `@lit-labs/virtualizer`'s main module registers `<lit-virtualizer>` globally, which throws when
 * the host page already has that tag (its own copy of the virtualizer, another version, or any
 * element of that name) and then no `sms-*` tag gets registered. We import the class without its
 * self-defining module and register a subclass as `<sms-virtualizer>`, guarded: if the tag already
 * exists (a second copy of sms-elements on the page), that one is used, as it is the same element.
 * A subclass, because one constructor can be registered only once per registry and the host may
 * have registered `LitVirtualizer` itself.
 */
import type { PropertyValues } from 'lit';
import { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { positionChildrenOnce } from './virtualizer-children.js';

/** The tag our templates use for the virtualizer. */
export const virtualizerTag = 'sms-virtualizer';

/** `LitVirtualizer` under a name of its own, so it can be registered next to the host's. */
export class SmsVirtualizer extends LitVirtualizer {
  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    positionChildrenOnce(this);
  }
}

/** Registers `<sms-virtualizer>` unless the registry already has it. */
export function defineVirtualizer(
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): void {
  if (registry && !registry.get(virtualizerTag)) registry.define(virtualizerTag, SmsVirtualizer);
}

defineVirtualizer();

declare global {
  interface HTMLElementTagNameMap {
    'sms-virtualizer': SmsVirtualizer;
  }
}
