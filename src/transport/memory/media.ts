/**
 * Demo media made on the device, no network: PNG and JPEG images of several sizes and aspect
 * ratios, an animated GIF, a one-page PDF, a WAV tone and — in browsers that can record a
 * canvas — a WebM clip. The encoders (`media-encoders.ts`) are plain TypeScript (they work in
 * Node); in a browser the JPEG "photos" are drawn on a canvas instead. Each file is made once, on first use (never at
 * import time), and shared by every attachment that shows it.
 */

import { makeGif, makeJpeg, makePdf, makePng, makeWav } from './media-encoders.js';

/** One generated file. */
export interface DemoMedia {
  readonly blob: Blob;
  readonly type: string;
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

export { makeGif, makeJpeg, makePdf, makePng, makeWav } from './media-encoders.js';
export { readMediaInfo } from '../../rules/media-info.js';
export type { MediaInfo } from '../../rules/media-info.js';

/** The kinds of demo file the seed uses. */
export type DemoMediaKind =
  'photo' | 'portrait' | 'panorama' | 'screenshot' | 'gif' | 'pdf' | 'audio' | 'video';

/** What is known about a demo file before it is made: its name, type and size in pixels or seconds. */
export interface DemoMediaInfo {
  readonly name: string;
  readonly type: string;
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

/** Every demo file kind with its name, MIME type and dimensions. */
export const DEMO_MEDIA: Readonly<Record<DemoMediaKind, DemoMediaInfo>> = {
  photo: { name: 'IMG_2041.jpg', type: 'image/jpeg', width: 640, height: 480 },
  portrait: { name: 'IMG_2187.jpg', type: 'image/jpeg', width: 480, height: 640 },
  panorama: { name: 'site-panorama.jpg', type: 'image/jpeg', width: 960, height: 320 },
  screenshot: { name: 'Screenshot 2024-05-02.png', type: 'image/png', width: 270, height: 480 },
  gif: { name: 'thanks.gif', type: 'image/gif', width: 160, height: 120 },
  pdf: { name: 'work-order-4471.pdf', type: 'application/pdf' },
  audio: { name: 'voice-note.wav', type: 'audio/wav', duration: 2.4 },
  video: { name: 'walkthrough.webm', type: 'video/webm', width: 320, height: 180, duration: 1.5 },
};

const HUES: Partial<Record<DemoMediaKind, number>> = { photo: 205, portrait: 25, panorama: 160 };

const cache = new Map<DemoMediaKind, DemoMedia>();
const urls = new Map<DemoMediaKind, string>();
let videoPromise: Promise<void> | null = null;

function bytesBlob(bytes: Uint8Array<ArrayBuffer>, type: string): Blob {
  return new Blob([bytes], { type });
}

/** A JPEG "photo" drawn on a canvas, where there is a DOM; `null` elsewhere. */
function canvasJpeg(width: number, height: number, hue: number): Uint8Array<ArrayBuffer> | null {
  if (typeof document === 'undefined') return null;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const sky = ctx.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, `hsl(${hue} 60% 75%)`);
    sky.addColorStop(1, `hsl(${hue} 50% 55%)`);
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#fadc78';
    ctx.beginPath();
    ctx.arc(width * 0.72, height * 0.3, Math.min(width, height) * 0.1, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = `hsl(${(hue + 120) % 360} 40% 32%)`;
    ctx.beginPath();
    ctx.moveTo(0, height);
    for (let x = 0; x <= width; x += 8)
      ctx.lineTo(x, height * (0.62 + 0.08 * Math.sin((x / width) * 7 + hue)));
    ctx.lineTo(width, height);
    ctx.fill();
    const url = canvas.toDataURL('image/jpeg', 0.82);
    if (!url.startsWith('data:image/jpeg;base64,')) return null;
    const binary = atob(url.slice(url.indexOf(',') + 1));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function make(kind: DemoMediaKind): Uint8Array<ArrayBuffer> | null {
  const info = DEMO_MEDIA[kind];
  switch (kind) {
    case 'photo':
    case 'portrait':
    case 'panorama':
      return (
        canvasJpeg(info.width!, info.height!, HUES[kind]!) ?? makeJpeg(info.width!, info.height!, HUES[kind]!)
      );
    case 'screenshot':
      return makePng(info.width!, info.height!, 260);
    case 'gif': {
      const palette: [number, number, number][] = [
        [255, 248, 231],
        [230, 57, 70],
        [29, 53, 87],
        [244, 162, 97],
      ];
      const frames = [0, 1, 2].map(
        (f) => (x: number, y: number) =>
          (x - 40 - f * 40) ** 2 + (y - 60) ** 2 < 400 ? 1 + f : (x >> 4) % 2 === (y >> 4) % 2 ? 0 : 3,
      );
      return makeGif(info.width!, info.height!, palette, frames);
    }
    case 'pdf':
      return makePdf('Work order #4471');
    case 'audio':
      return makeWav(info.duration!);
    case 'video':
      void recordVideo();
      return null;
  }
}

/**
 * A demo file, made on first use. The video is recorded asynchronously where the browser can
 * (canvas + MediaRecorder): `null` until it is ready, and always in Node.
 */
export function demoMedia(kind: DemoMediaKind): DemoMedia | null {
  const hit = cache.get(kind);
  if (hit) return hit;
  const bytes = make(kind);
  if (!bytes) return null;
  const info = DEMO_MEDIA[kind];
  const media: DemoMedia = { ...info, blob: bytesBlob(bytes, info.type) };
  cache.set(kind, media);
  return media;
}

/** An object URL for a demo file (made once), or `''` where object URLs do not exist or the file is not ready. */
export function demoMediaUrl(kind: DemoMediaKind): string {
  const known = urls.get(kind);
  if (known) return known;
  const media = demoMedia(kind);
  if (!media || typeof URL.createObjectURL !== 'function') return '';
  const url = URL.createObjectURL(media.blob);
  urls.set(kind, url);
  return url;
}

/** Resolves when the demo video is recorded, or when it cannot be (Node, no MediaRecorder). */
export function demoVideoReady(): Promise<void> {
  return recordVideo();
}

/** Records a 1.5 s WebM clip of a moving dot where the browser can (canvas + MediaRecorder). */
function recordVideo(): Promise<void> {
  videoPromise ??= (async () => {
    if (typeof document === 'undefined' || typeof MediaRecorder === 'undefined') return;
    const { width = 320, height = 180, duration = 1.5 } = DEMO_MEDIA.video;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx || typeof canvas.captureStream !== 'function') return;
    const type = MediaRecorder.isTypeSupported('video/webm') ? 'video/webm' : '';
    if (!type) return;
    const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const draw = () => {
        const t = (performance.now() - started) / (duration * 1000);
        ctx.fillStyle = '#1d3557';
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = '#f1c453';
        ctx.beginPath();
        ctx.arc(40 + Math.min(1, t) * (width - 80), height / 2, 24, 0, Math.PI * 2);
        ctx.fill();
        if (t < 1) setTimeout(draw, 1000 / 15);
        else resolve();
      };
      draw();
    });
    recorder.stop();
    await done;
    const blob = new Blob(chunks, { type });
    if (blob.size) cache.set('video', { ...DEMO_MEDIA.video, blob });
  })().catch(() => {
    // Recording failed (no WebM codec, a canvas the browser refuses): safe to ignore, the video
    // stays unrecorded and `demoMedia('video')` keeps answering `null`, as in Node.
  });
  return videoPromise;
}
