/** Pixel size and duration read from a file's own header, where the format says them. */
export interface MediaInfo {
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

/**
 * Reads the width and height of PNG, GIF and JPEG images and the duration of WAV audio from
 * their headers (no decoding, works in Node). Returns `{}` for anything else.
 */
export function readMediaInfo(bytes: Uint8Array): MediaInfo {
  const be16 = (o: number) => (bytes[o]! << 8) | bytes[o + 1]!;
  const le16 = (o: number) => bytes[o]! | (bytes[o + 1]! << 8);
  const le32 = (o: number) => (le16(o) + le16(o + 2) * 65536) >>> 0;
  const text = (o: number, n: number) => String.fromCharCode(...bytes.subarray(o, o + n));
  if (bytes.length >= 24 && bytes[0] === 0x89 && text(1, 3) === 'PNG' && text(12, 4) === 'IHDR') {
    return { width: be16(16) * 65536 + be16(18), height: be16(20) * 65536 + be16(22) };
  }
  if (bytes.length >= 10 && text(0, 3) === 'GIF') return { width: le16(6), height: le16(8) };
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let o = 2;
    while (o + 9 < bytes.length) {
      if (bytes[o] !== 0xff) return {};
      const marker = bytes[o + 1]!;
      if (marker === 0xff) {
        o++;
        continue;
      }
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { width: be16(o + 7), height: be16(o + 5) };
      o += 2 + be16(o + 2);
    }
    return {};
  }
  if (bytes.length >= 12 && text(0, 4) === 'RIFF' && text(8, 4) === 'WAVE') {
    let o = 12;
    let byteRate = 0;
    while (o + 8 <= bytes.length) {
      const id = text(o, 4);
      const size = le32(o + 4);
      if (id === 'fmt ') byteRate = le32(o + 16);
      if (id === 'data') return byteRate ? { duration: Math.round((size / byteRate) * 100) / 100 } : {};
      o += 8 + size + (size & 1);
    }
  }
  return {};
}

/**
 * The most pixels an image may have to be decoded in the page (80 megapixels, ≈ 320 MB of
 * RGBA): beyond it a small file can be a decompression bomb that freezes or crashes the tab.
 */
export const MAX_IMAGE_PIXELS = 80_000_000;

/** Whether a header says the image is too large to decode safely (unknown sizes pass). */
export function isImageBomb(info: MediaInfo): boolean {
  return (info.width ?? 0) * (info.height ?? 0) > MAX_IMAGE_PIXELS;
}
