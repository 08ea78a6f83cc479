import { downscaledSize } from './photoSize.js';

/** JPEG quality: a 1600 px photo comes out at roughly 150–400 KB. */
const JPEG_QUALITY = 0.8;

/**
 * A camera photo redrawn as a JPEG data URL no larger than 1600 px on its longest side, in the
 * browser, before upload: phone photos are 3–12 MB, which a slow rural connection cannot send in
 * time. `imageOrientation: 'from-image'` keeps portrait photos upright.
 */
export async function downscalePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = downscaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    // JPEG has no transparency: a PNG's clear pixels would turn black without a white ground.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', JPEG_QUALITY);
  } finally {
    bitmap.close();
  }
}
