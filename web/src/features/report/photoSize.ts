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
