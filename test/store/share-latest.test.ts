import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { BehaviorSubject, Observable, shareReplay } from 'rxjs';
import type { MonoTypeOperatorFunction, Subscription } from 'rxjs';
import { shareLatest } from '../../src/store/share-latest.js';

type Share = () => MonoTypeOperatorFunction<number>;

type Step =
  | { readonly kind: 'subscribe'; readonly leaveOn?: number }
  | { readonly kind: 'unsubscribe'; readonly which: number }
  | { readonly kind: 'next'; readonly value: number }
  | { readonly kind: 'error' }
  | { readonly kind: 'complete' };

/**
 * Plays steps against a BehaviorSubject shared by `share` and returns, in order, what each
 * subscriber saw and when the source was subscribed to and left. A subscriber made with `leaveOn`
 * unsubscribes itself while receiving that value (the re-entrant case).
 */
function play(share: Share, steps: readonly Step[]): string[] {
  const log: string[] = [];
  let source = new BehaviorSubject(0);
  let connections = 0;
  const counted = new Observable<number>((subscriber) => {
    const n = ++connections;
    log.push(`connect ${n}`);
    const inner = source.subscribe(subscriber);
    return () => {
      log.push(`disconnect ${n}`);
      inner.unsubscribe();
    };
  });
  const shared = counted.pipe(share());
  const subscriptions: Subscription[] = [];
  for (const step of steps) {
    if (step.kind === 'subscribe') {
      const id = subscriptions.length;
      const holder: { self?: Subscription } = {};
      let leave = false;
      const self = (holder.self = shared.subscribe({
        next: (v) => {
          log.push(`${id} next ${v}`);
          if (v === step.leaveOn) {
            if (holder.self) holder.self.unsubscribe();
            else leave = true;
          }
        },
        error: () => log.push(`${id} error`),
        complete: () => log.push(`${id} complete`),
      }));
      if (leave) self.unsubscribe();
      subscriptions.push(self);
    } else if (step.kind === 'unsubscribe') {
      subscriptions[step.which % Math.max(1, subscriptions.length)]?.unsubscribe();
    } else if (step.kind === 'next') {
      source.next(step.value);
    } else if (step.kind === 'error') {
      source.error(new Error('boom'));
      source = new BehaviorSubject(100);
    } else {
      source.complete();
      source = new BehaviorSubject(200);
    }
  }
  return log;
}

const reference: Share = () => shareReplay<number>({ bufferSize: 1, refCount: true });

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('subscribe' as const),
      leaveOn: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unsubscribe' as const), which: fc.nat(8) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('next' as const), value: fc.integer({ min: 0, max: 5 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'error' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'complete' as const }) },
);

describe('shareLatest', () => {
  it('replays the latest value to a late subscriber and connects once', () => {
    const log = play(shareLatest, [
      { kind: 'subscribe' },
      { kind: 'next', value: 1 },
      { kind: 'subscribe' },
      { kind: 'next', value: 2 },
    ]);
    expect(log).to.deep.equal(['connect 1', '0 next 0', '0 next 1', '1 next 1', '0 next 2', '1 next 2']);
  });

  it('leaves the source with the last subscriber and connects again for the next', () => {
    const log = play(shareLatest, [
      { kind: 'subscribe' },
      { kind: 'unsubscribe', which: 0 },
      { kind: 'next', value: 3 },
      { kind: 'subscribe' },
    ]);
    expect(log).to.deep.equal(['connect 1', '0 next 0', 'disconnect 1', 'connect 2', '1 next 3']);
  });

  it('leaves the source when the only subscriber leaves while receiving its first value', () => {
    const log = play(shareLatest, [
      { kind: 'subscribe', leaveOn: 0 },
      { kind: 'next', value: 1 },
    ]);
    expect(log).to.deep.equal(['connect 1', '0 next 0', 'disconnect 1']);
  });

  it('behaves as shareReplay({ bufferSize: 1, refCount: true }) for any sequence', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        expect(play(shareLatest, steps)).to.deep.equal(play(reference, steps));
      }),
      { numRuns: 500 },
    );
  });
});
