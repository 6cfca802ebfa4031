/** Image kinds the browser can decode and that survive re-encoding (not GIF: it would lose its animation). */
const RESIZABLE = new Set(['jpg', 'png', 'webp', 'bmp', 'avif']);

/** Whether {@link downscaleImage} can try this detected kind. */
export function canDownscale(kind: string | undefined): boolean {
  return kind !== undefined && RESIZABLE.has(kind);
}

async function encode(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas.');
    context.fillStyle = '#fff'; // transparent areas become white, not black, in a JPEG
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas.');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Encoding failed.'))), 'image/jpeg', quality),
  );
}

/**
 * Re-encodes an image as JPEG, smaller in pixels (aspect ratio kept) until it weighs at most
 * `budget` bytes. The name keeps its stem with a `.jpg` extension. Resolves `null` when the image
 * cannot be decoded or does not fit after several tries.
 */
export async function downscaleImage(file: File, budget: number): Promise<File | null> {
  if (!(budget > 0) || typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // An image the browser cannot decode cannot be resized: the caller keeps its notice.
    return null;
  }
  try {
    let scale = Math.min(1, Math.sqrt(budget / Math.max(1, file.size)));
    for (let attempt = 0; attempt < 8; attempt++) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const blob = await encode(bitmap, width, height, 0.85);
      if (blob.size <= budget) {
        const stem = file.name.replace(/\.[^.]*$/, '') || 'image';
        return new File([blob], `${stem}.jpg`, { type: 'image/jpeg', lastModified: Date.now() });
      }
      scale *= Math.min(0.9, Math.sqrt(budget / blob.size) * 0.95);
    }
    return null;
  } catch {
    // Canvas or encoder refused (memory, a tainted image): not resized, as above.
    return null;
  } finally {
    bitmap.close();
  }
}
