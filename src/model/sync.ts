/** How far the account's tabs have followed the backend's pushed events; kept with the cache. */
export interface PushSync {
  /** The last pushed event handled (by any tab): the next subscription resumes after it. */
  readonly lastEventId: string | null;
  /**
   * Inbound texts up to this time (server clock) were notified or were there before; a text
   * learned later from a refetch and newer than this is notified. `null` before the first list.
   */
  readonly through: number | null;
  /** The most recent inbound messages already notified, so none is notified twice. */
  readonly notified: readonly string[];
}
