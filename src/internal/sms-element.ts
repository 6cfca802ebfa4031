import { LitElement } from 'lit';

/**
 * Base of every element: registration under any tag name, in any registry.
 * Constructors do no work; elements read their client in `connectedCallback` or later.
 */
export class SmsElement extends LitElement {
  /** The tag the element is registered under by `define()` when no other name is given. */
  static tagName = '';

  /**
   * Registers the element. Hosts can rename it (`SmsThread.define('acme-thread')`) or use a
   * scoped registry. Defining a tag that is already taken by another class warns and does nothing.
   */
  static define(tag: string = this.tagName, registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (existing) {
      if (existing !== this) {
        console.error(
          `sms-elements: <${tag}> is already defined by another class; ` +
            `register ours under another name with ${this.name}.define('my-${tag}').`,
        );
      }
      return;
    }
    // A constructor can be registered once per registry: a second name gets a subclass.
    try {
      registry.define(tag, this);
    } catch {
      registry.define(tag, class extends this {});
    }
  }
}
