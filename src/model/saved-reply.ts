/**
 * A saved reply: a message written once and inserted in a click, with `{variables}` such as
 * `{first_name}` filled when it is inserted (see `fillReply`).
 */
export interface SavedReply {
  readonly id: string;
  /** Short name shown in the list and matched when filtering ("Directions"); untrusted text. */
  readonly title: string;
  /** The text, with `{variables}`; untrusted text. */
  readonly text: string;
  /**
   * `true` for the user's own replies, which they can edit and delete; `false` for replies shared
   * by the business (read-only here).
   */
  readonly personal: boolean;
  /** When it was created or last changed (ms since the epoch). */
  readonly updatedAt: number;
}
