/**
 * Demo media made on the device, no network: PNG images (a tiny encoder with stored deflate
 * blocks), a GIF, a PDF, a WAV tone, and — in browsers that can record a canvas — a WebM clip.
 * Each file is made once, on first use, and shared by every attachment that shows it.
 */

/** One generated file. */
export interface DemoMedia {
  readonly blob: Blob;
  readonly type: string;
  readonly width?: number;
  readonly height?: number;
  readonly duration?: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) typed[i] = type.charCodeAt(i);
  typed.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(typed, 4);
  out.set(u32(crc32(typed)), 8 + data.length);
  return out;
}

/** zlib stream of stored (uncompressed) deflate blocks. */
function zlibStore(raw: Uint8Array): Uint8Array {
  const blocks = Math.ceil(raw.length / 65535) || 1;
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = len & 255;
    out[o++] = len >>> 8;
    out[o++] = ~len & 255;
    out[o++] = (~len >>> 8) & 255;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  let a = 1;
  let d = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]!) % 65521;
    d = (d + a) % 65521;
  }
  out.set(u32(((d << 16) | a) >>> 0), o);
  return out;
}

/** A PNG of a soft gradient with a circle, in the hue given. */
export function makePng(width: number, height: number, hue: number): Uint8Array {
  const raw = new Uint8Array((width * 3 + 1) * height);
  const [r1, g1, b1] = hsl(hue, 0.55, 0.55);
  const [r2, g2, b2] = hsl((hue + 40) % 360, 0.6, 0.3);
  const cx = width * 0.62;
  const cy = height * 0.42;
  const radius = Math.min(width, height) * 0.22;
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < radius ** 2;
      raw[o++] = inside ? 250 : Math.round(r1 + (r2 - r1) * t);
      raw[o++] = inside ? 235 : Math.round(g1 + (g2 - g1) * t);
      raw[o++] = inside ? 180 : Math.round(b1 + (b2 - b1) * t);
    }
  }
  const header = new Uint8Array([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', zlibStore(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A 1×1, two-frame animated GIF (amber/blue), scaled up by the viewer. */
export function makeGif(): Uint8Array {
  const frame = (color: number) => [
    0x21,
    0xf9,
    0x04,
    0x04,
    0x32,
    0x00,
    0x00,
    0x00, // graphic control: 0.5 s
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0x00, // image descriptor 1x1
    0x02,
    0x02,
    color === 0 ? 0x44 : 0x4c,
    0x01,
    0x00, // LZW data: all pixels one index
  ];
  return new Uint8Array([
    ...[0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
    1,
    0,
    1,
    0,
    0x80,
    0,
    0,
    0xe0,
    0x3a,
    0x3a,
    0x1f,
    0x6f,
    0xeb, // palette: red, blue
    0x21,
    0xff,
    0x0b,
    ...[...'NETSCAPE2.0'].map((c) => c.charCodeAt(0)),
    0x03,
    0x01,
    0x00,
    0x00,
    0x00,
    ...frame(0),
    ...frame(1),
    0x3b,
  ]);
}

/** A one-page PDF with a line of text. */
export function makePdf(title: string): Uint8Array {
  const text = title.replace(/[()\\]/g, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/** A mono 8 kHz, 8-bit WAV of a soft two-note tone. */
export function makeWav(seconds: number): Uint8Array {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const out = new Uint8Array(44 + samples);
  const view = new DataView(out.buffer);
  const ascii = (o: number, s: string) => [...s].forEach((c, i) => view.setUint8(o + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) {
    const f = i < samples / 2 ? 440 : 660;
    const envelope = Math.min(1, i / 400, (samples - i) / 400);
    out[44 + i] = 128 + Math.round(Math.sin((2 * Math.PI * f * i) / rate) * 40 * envelope);
  }
  return out;
}

/** The kinds of demo file the seed uses. */
export type DemoMediaKind = 'landscape' | 'portrait' | 'wide' | 'gif' | 'pdf' | 'audio' | 'video';

const cache = new Map<DemoMediaKind, DemoMedia>();
const urls = new Map<DemoMediaKind, string>();
let videoPromise: Promise<void> | null = null;

function bytesBlob(bytes: Uint8Array, type: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

/** A demo file (made on first use). Video is recorded asynchronously: `null` until ready. */
export function demoMedia(kind: DemoMediaKind): DemoMedia | null {
  const hit = cache.get(kind);
  if (hit) return hit;
  let made: DemoMedia | null = null;
  switch (kind) {
    case 'landscape':
      made = {
        blob: bytesBlob(makePng(480, 320, 200), 'image/png'),
        type: 'image/png',
        width: 480,
        height: 320,
      };
      break;
    case 'portrait':
      made = {
        blob: bytesBlob(makePng(300, 420, 20), 'image/png'),
        type: 'image/png',
        width: 300,
        height: 420,
      };
      break;
    case 'wide':
      made = {
        blob: bytesBlob(makePng(560, 240, 120), 'image/png'),
        type: 'image/png',
        width: 560,
        height: 240,
      };
      break;
    case 'gif':
      made = { blob: bytesBlob(makeGif(), 'image/gif'), type: 'image/gif', width: 1, height: 1 };
      break;
    case 'pdf':
      made = { blob: bytesBlob(makePdf('Work order #4471'), 'application/pdf'), type: 'application/pdf' };
      break;
    case 'audio':
      made = { blob: bytesBlob(makeWav(1.6), 'audio/wav'), type: 'audio/wav', duration: 1.6 };
      break;
    case 'video':
      void recordVideo();
      return null;
  }
  cache.set(kind, made);
  return made;
}

/** An object URL for a demo file, or `''` where object URLs do not exist or the file is not ready. */
export function demoMediaUrl(kind: DemoMediaKind): string {
  const known = urls.get(kind);
  if (known) return known;
  const media = demoMedia(kind);
  if (!media || typeof URL.createObjectURL !== 'function') return '';
  const url = URL.createObjectURL(media.blob);
  urls.set(kind, url);
  return url;
}

/** Records a 1.5 s WebM clip of a moving dot where the browser can (canvas + MediaRecorder). */
function recordVideo(): Promise<void> {
  videoPromise ??= (async () => {
    if (typeof document === 'undefined' || typeof MediaRecorder === 'undefined') return;
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const ctx = canvas.getContext('2d');
    if (!ctx || typeof canvas.captureStream !== 'function') return;
    const stream = canvas.captureStream(15);
    const type = MediaRecorder.isTypeSupported('video/webm') ? 'video/webm' : '';
    if (!type) return;
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const draw = () => {
        const t = (performance.now() - started) / 1500;
        ctx.fillStyle = '#1d3557';
        ctx.fillRect(0, 0, 320, 180);
        ctx.fillStyle = '#f1c453';
        ctx.beginPath();
        ctx.arc(40 + t * 240, 90, 24, 0, Math.PI * 2);
        ctx.fill();
        if (t < 1) requestAnimationFrame(draw);
        else resolve();
      };
      draw();
    });
    recorder.stop();
    await done;
    cache.set('video', { blob: new Blob(chunks, { type }), type, width: 320, height: 180, duration: 1.5 });
  })().catch(() => undefined);
  return videoPromise;
}
