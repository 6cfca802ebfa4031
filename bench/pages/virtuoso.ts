/**
 * The react-virtuoso baseline of scenarios 2–4 (issue 21): the chat list people know, on the same
 * data and rows as the bare virtualizer (`plainRow`'s markup), opened at its newest message and
 * keeping the row being read in place on a prepend with its own `firstItemIndex` mechanism.
 * Bench-only: react, react-dom and react-virtuoso are dev dependencies.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Virtuoso } from 'react-virtuoso';
import type { Message } from '../../src/model/message.js';
import { stage } from './util.js';

/** The same markup as `plainRow`, as React elements. */
function row(m: Message): ReactElement {
  return h(
    'div',
    { className: `b-row ${m.direction === 'outbound' ? 'own' : ''}`, 'data-key': m.clientId ?? m.id },
    ...m.attachments.map((a, i) =>
      h('div', {
        key: i,
        className: 'b-media',
        style: {
          aspectRatio: `${a.width ?? 4} / ${a.height ?? 3}`,
          width: `${Math.min(240, a.width ?? 240)}px`,
        },
      }),
    ),
    m.text ? h('div', { key: 't', className: 'b-bubble' }, m.text) : null,
    h('time', { key: 'd', className: 'b-time' }, new Date(m.createdAt).toLocaleTimeString()),
  );
}

/** Indexes count down from here as older pages are prepended (virtuoso's `firstItemIndex`). */
const FIRST = 10_000_000;

export interface MountedVirtuoso {
  /** The scrolling element, once React has rendered it. */
  scroller(): HTMLElement | null;
  /** Rows rendered now (elements with data-key). */
  rows(): HTMLElement[];
  /** Renders `items`, of which `prepended` are new at the top. */
  prepend(items: readonly Message[], prepended: number): void;
  unmount(): void;
}

/** Mounts a 420 × 600 react-virtuoso list of `messages`, opened at the newest, in the stage. */
export function mountVirtuoso(messages: readonly Message[]): MountedVirtuoso {
  const host = document.createElement('div');
  stage().replaceChildren(host);
  const root = createRoot(host);
  let first = FIRST - messages.length;
  const draw = (items: readonly Message[]) =>
    root.render(
      h(Virtuoso<Message>, {
        style: { height: 600, width: 420 },
        data: items as Message[],
        firstItemIndex: first,
        initialTopMostItemIndex: { index: 'LAST', align: 'end' },
        computeItemKey: (_: number, m: Message) => m.clientId ?? m.id,
        itemContent: (_: number, m: Message) => row(m),
      }),
    );
  draw(messages);
  return {
    scroller: () => host.querySelector<HTMLElement>('[data-testid="virtuoso-scroller"]'),
    rows: () => [...host.querySelectorAll<HTMLElement>('[data-key]')],
    prepend(items, prepended) {
      first -= prepended;
      draw(items);
    },
    unmount: () => root.unmount(),
  };
}
