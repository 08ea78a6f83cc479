import { describe, expect, it } from 'vitest';
import {
  dataUrlBytes,
  downscaledSize,
  MAX_PHOTO_BYTES,
  MAX_PHOTO_SIDE_PX,
  PHOTO_ENCODINGS,
} from '../../../../web/src/features/report/photoSize.js';
import { reportTimeoutMs } from '../../../../web/src/lib/fieldQueue/uploadTimeout.js';

describe('downscaledSize', () => {
  it('brings a 12-megapixel phone photo to 1600 px on its longest side, keeping the shape', () => {
    expect(downscaledSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(downscaledSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(MAX_PHOTO_SIDE_PX).toBe(1600);
  });

  it('never enlarges a photo that is already small', () => {
    expect(downscaledSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(downscaledSize(1600, 900)).toEqual({ width: 1600, height: 900 });
  });

  it('keeps a very thin panorama at least one pixel high', () => {
    expect(downscaledSize(100_000, 10)).toEqual({ width: 1600, height: 1 });
  });

  it('refuses an image without a size', () => {
    expect(() => downscaledSize(0, 100)).toThrow(RangeError);
    expect(() => downscaledSize(Number.NaN, 100)).toThrow(RangeError);
  });
});

describe('reportTimeoutMs', () => {
  it('gives a text-only report 20 seconds', () => {
    expect(reportTimeoutMs(200)).toBeGreaterThanOrEqual(20_000);
    expect(reportTimeoutMs(200)).toBeLessThan(21_000);
  });

  it('gives a 400 KB photo the time 8 KB/s needs on top', () => {
    expect(reportTimeoutMs(400 * 1024)).toBe(20_000 + 50_000);
  });

  it('grows with the body but stops at three minutes', () => {
    expect(reportTimeoutMs(100_000)).toBeGreaterThan(reportTimeoutMs(10_000));
    expect(reportTimeoutMs(50 * 1024 * 1024)).toBe(180_000);
  });
});

describe('report photos within 500 KB', () => {
  it('counts the bytes a base64 data URL decodes to', () => {
    expect(dataUrlBytes('data:image/jpeg;base64,')).toBe(0);
    expect(dataUrlBytes(`data:image/jpeg;base64,${btoa('abc')}`)).toBe(3);
    expect(dataUrlBytes(`data:image/jpeg;base64,${btoa('abcd')}`)).toBe(4);
    expect(dataUrlBytes(`data:image/jpeg;base64,${btoa('abcde')}`)).toBe(5);
    expect(MAX_PHOTO_BYTES).toBe(512_000);
  });

  it('tries ever smaller encodings, the first at the full 1600 px', () => {
    expect(PHOTO_ENCODINGS[0]).toEqual({ maxSide: MAX_PHOTO_SIDE_PX, quality: 0.8 });
    for (let i = 1; i < PHOTO_ENCODINGS.length; i++) {
      const [before, after] = [PHOTO_ENCODINGS[i - 1]!, PHOTO_ENCODINGS[i]!];
      expect(after.maxSide <= before.maxSide && after.quality <= before.quality).toBe(true);
      expect(after.maxSide < before.maxSide || after.quality < before.quality).toBe(true);
    }
  });
});
