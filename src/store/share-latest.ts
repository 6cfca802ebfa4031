import { Observable, ReplaySubject, Subscription } from 'rxjs';
import type { MonoTypeOperatorFunction } from 'rxjs';

/**
 * `shareReplay({ bufferSize: 1, refCount: true })`, written out: one subscription to the source
 * while anyone listens, its latest value replayed to each new subscriber, the source unsubscribed
 * when the last subscriber leaves (and subscribed again by the next one). As in RxJS, a source
 * that errors is forgotten (the next subscriber subscribes again), and a source that completes is
 * kept (a later subscriber gets its last value, then the completion).
 *
 * The same behaviour as RxJS's operator, without its generic `share` machinery: `share` converts
 * any input with `innerFrom` (promises, iterables, async iterables, readable streams), which
 * brought that code and tslib's async helpers into the single-file bundle (1 KB gzip) for a
 * source that is always an Observable here.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    let subject: ReplaySubject<T> | undefined;
    let connection: Subscription | undefined;
    let refCount = 0;
    let completed = false;
    return new Observable<T>((subscriber) => {
      refCount++;
      const dest = (subject ??= new ReplaySubject<T>(1));
      subscriber.add(() => {
        refCount--;
        if (refCount === 0 && !completed) {
          const conn = connection;
          connection = subject = undefined;
          conn?.unsubscribe();
        }
      });
      dest.subscribe(subscriber);
      if (!connection && refCount > 0) {
        // Made before subscribing: a source that emits at once (a BehaviorSubject) can lead the
        // last subscriber to leave during that emission, which must unsubscribe it.
        const conn = (connection = new Subscription());
        conn.add(
          source.subscribe({
            next: (value) => dest.next(value),
            error: (error: unknown) => {
              if (connection === conn) connection = subject = undefined;
              dest.error(error);
            },
            complete: () => {
              completed = true;
              dest.complete();
            },
          }),
        );
      }
    });
  };
}
