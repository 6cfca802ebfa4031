import { noChange } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { AttributePart, PartInfo } from 'lit/directive.js';

type Props = Readonly<Record<string, string | undefined>>;

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), never by writing a
 * `style` attribute. Lit's `styleMap` writes the attribute on first render, which a page with a
 * strict Content-Security-Policy (no `'unsafe-inline'` for styles) blocks; this one works there.
 * Use it as `style=${styleProps({ aspectRatio: '4 / 3', '--_hue': '120' })}`.
 */
class StylePropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style') {
      throw new Error('styleProps() only goes on a style attribute.');
    }
  }

  render(_props: Props): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Props]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    const cssName = (name: string) =>
      name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const name of this.#previous) {
      if (props[name] === undefined) style.removeProperty(cssName(name));
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) style.removeProperty(cssName(name));
      else style.setProperty(cssName(name), value);
    }
    this.#previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
