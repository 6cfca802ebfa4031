import type { Attachment } from './attachment.js';

/** A message being written; kept per conversation. */
export interface Draft {
  readonly text: string;
  /** Files already uploaded and waiting to be sent. */
  readonly attachments: readonly Attachment[];
}
