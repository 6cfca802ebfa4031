import { BehaviorSubject, distinctUntilChanged, map } from 'rxjs';
import type { Observable } from 'rxjs';
import { shareLatest } from './share-latest.js';
import type { Action } from './actions.js';
import { reduce } from './reducers.js';
import { initialState } from './state.js';
import type { MessagesState } from './state.js';

/**
 * `map → distinctUntilChanged → shareReplay(1, refCount)` (written out as `shareLatest`): the one
 * way to derive a view of the state.
 */
export function select<S, T>(
  source: Observable<S>,
  project: (state: S) => T,
  compare?: (a: T, b: T) => boolean,
): Observable<T> {
  return source.pipe(map(project), distinctUntilChanged(compare), shareLatest());
}

/** The state container: a BehaviorSubject moved only by `dispatch` through the pure reducer. */
export class Store {
  readonly #subject: BehaviorSubject<MessagesState>;
  readonly state$: Observable<MessagesState>;

  constructor(state: MessagesState = initialState) {
    this.#subject = new BehaviorSubject(state);
    this.state$ = this.#subject.asObservable();
  }

  get state(): MessagesState {
    return this.#subject.value;
  }

  dispatch(action: Action): void {
    const next = reduce(this.#subject.value, action);
    if (next !== this.#subject.value) this.#subject.next(next);
  }

  complete(): void {
    this.#subject.complete();
  }
}
