import { LitElement } from 'lit';

/**
 * Base of every element: registration under any tag name, in any registry.
 * Constructors do no work; elements read their client in `connectedCallback` or later.
 */
export class SmsElement extends LitElement {
  /** The tag the element is registered under by `define()` when no other name is given. */
  static tagName = '';

  /**
   * The elements this one renders, by the tag it renders each under: `define()` registers them
   * in the same registry first (as Shoelace's `static dependencies` does), so importing one
   * element's define module is enough to use it.
   */
  static dependencies: Readonly<Record<string, typeof SmsElement>> = {};

  /**
   * Registers the element. Hosts can rename it (`SmsThread.define('acme-thread')`) or use a
   * scoped registry. Defining a tag that is already taken by another class warns and does nothing.
   * The {@link SmsElement.dependencies} are registered too, under their own tags.
   */
  static define(tag: string = this.tagName, registry: CustomElementRegistry = customElements): void {
    for (const [name, dependency] of Object.entries(this.dependencies)) dependency.define(name, registry);
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
