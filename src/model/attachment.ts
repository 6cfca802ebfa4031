/** A file that is part of a message. */
export interface Attachment {
  /** Server id of the uploaded file. */
  readonly id: string;
  /** File name as sent; untrusted, render as text only. */
  readonly name: string;
  /** MIME type; untrusted, decided by content on upload. */
  readonly type: string;
  /** Size in bytes. */
  readonly size: number;
  /** Where to fetch the file (http(s), blob: or data: of a safe image type only). */
  readonly url: string;
  /** Smaller preview image, when the backend has one. */
  readonly thumbnailUrl?: string;
  /** Pixel size of images and videos; lets the thread reserve the box before the image loads. */
  readonly width?: number;
  readonly height?: number;
  /** Duration of audio and video, in seconds. */
  readonly duration?: number;
}

/** Limits for the files of one message; the defaults follow the reference product. */
export interface AttachmentPolicy {
  /** Largest single file, in bytes. */
  readonly maxFileBytes: number;
  /** Largest total of all files in one message, in bytes. */
  readonly maxMessageBytes: number;
  /** Most files in one message. */
  readonly maxFiles: number;
  /**
   * File kinds that may be sent: extensions without the dot (`jpg`, `pdf`, …) and the
   * families `audio` and `video`.
   */
  readonly allowedKinds: readonly string[];
}
