/** A labelled number of a contact. */
export interface ContactNumber {
  /** E.164. */
  readonly number: string;
  /** "mobile", "work", …; untrusted, render as text. */
  readonly label: string;
}

/** An address-book entry. */
export interface Contact {
  readonly id: string;
  /** Untrusted, render as text. */
  readonly name: string;
  readonly numbers: readonly ContactNumber[];
}
