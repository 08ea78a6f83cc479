/** The longest side a report photo keeps: enough to read a sign, small enough for a 2G upload. */
export const MAX_PHOTO_SIDE_PX = 1600;

/** The size a `width` × `height` image is drawn at so that neither side exceeds `maxSide`; never enlarged. */
export function downscaledSize(
  width: number,
  height: number,
  maxSide = MAX_PHOTO_SIDE_PX,
): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError(`an image has a positive size, got ${width}×${height}`);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The most a queued or sent report photo may weigh (#14 part 2: queued on the phone, ≤ 500 KB). */
export const MAX_PHOTO_BYTES = 500 * 1024;

/**
 * The encodings tried in turn until the JPEG fits MAX_PHOTO_BYTES: most photos fit at the first;
 * a busy scene (foliage, gravel) needs a lower quality, then fewer pixels. The last one always fits
 * (640 px at quality 0.5 is well under 100 KB).
 */
export const PHOTO_ENCODINGS: readonly { maxSide: number; quality: number }[] = [
  { maxSide: MAX_PHOTO_SIDE_PX, quality: 0.8 },
  { maxSide: MAX_PHOTO_SIDE_PX, quality: 0.65 },
  { maxSide: 1280, quality: 0.6 },
  { maxSide: 1024, quality: 0.55 },
  { maxSide: 640, quality: 0.5 },
];

/** The bytes a base64 `data:` URL decodes to (what the server stores), from its length alone. */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const base64 = comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
