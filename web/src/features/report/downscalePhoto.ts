import { dataUrlBytes, downscaledSize, MAX_PHOTO_BYTES, PHOTO_ENCODINGS } from './photoSize.js';

/**
 * A camera photo redrawn as a JPEG data URL no larger than 1600 px on its longest side and
 * MAX_PHOTO_BYTES (500 KB), in the browser, before upload or queueing: phone photos are 3–12 MB,
 * which a slow rural connection cannot send in time nor a queue keep by the hundred. The
 * encodings of PHOTO_ENCODINGS are tried in turn until one fits. `imageOrientation: 'from-image'`
 * keeps portrait photos upright.
 */
export async function downscalePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    let encoded = '';
    for (const { maxSide, quality } of PHOTO_ENCODINGS) {
      encoded = encode(bitmap, maxSide, quality);
      if (dataUrlBytes(encoded) <= MAX_PHOTO_BYTES) return encoded;
    }
    throw new Error(`the photo is still ${dataUrlBytes(encoded)} bytes at its smallest encoding`);
  } finally {
    bitmap.close();
  }
}

function encode(bitmap: ImageBitmap, maxSide: number, quality: number): string {
  const { width, height } = downscaledSize(bitmap.width, bitmap.height, maxSide);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  // JPEG has no transparency: a PNG's clear pixels would turn black without a white ground.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas.toDataURL('image/jpeg', quality);
}
