import { describe, expect, it } from 'vitest';
import { fitFrameProjection, positionsBbox } from '../../../server/src/domain/boards/boardProjection.js';

const frame = { x: 40, y: 100, width: 800, height: 500 };
/** A group about 1.6 km east–west and 1.1 km north–south near 高台县 (39.4° N). */
const bbox = [99.8, 39.37, 99.8186, 39.38] as const;

describe('fitFrameProjection', () => {
  it('puts the bbox centre at the frame centre, north up and east right', () => {
    const projection = fitFrameProjection(bbox, frame);
    const [x, y] = projection.project(99.8093, 39.375);
    expect(x).toBeCloseTo(440, 6);
    expect(y).toBeCloseTo(350, 6);
    const [eastX] = projection.project(99.81, 39.375);
    const [, northY] = projection.project(99.8093, 39.379);
    expect(eastX).toBeGreaterThan(x);
    expect(northY).toBeLessThan(y);
  });

  it('keeps the whole bbox inside the frame with the padding, touching it on the tighter axis', () => {
    const padding = 0.06 * Math.min(frame.width, frame.height);
    const projection = fitFrameProjection(bbox, frame);
    const [west, north] = projection.project(bbox[0], bbox[3]);
    const [east, south] = projection.project(bbox[2], bbox[1]);
    expect(west).toBeGreaterThanOrEqual(frame.x + padding - 1e-9);
    expect(east).toBeLessThanOrEqual(frame.x + frame.width - padding + 1e-9);
    expect(north).toBeGreaterThanOrEqual(frame.y + padding - 1e-9);
    expect(south).toBeLessThanOrEqual(frame.y + frame.height - padding + 1e-9);
    const tight = Math.min(west - frame.x - padding, frame.y + frame.height - padding - south);
    expect(tight).toBeCloseTo(0, 6);
  });

  it('keeps ground distances in proportion on both axes (one scale for east and north)', () => {
    const projection = fitFrameProjection(bbox, frame);
    // 0.01° of latitude is 1111.95 m; 0.01° of longitude at 39.375° N is 859.7 m.
    const [, y0] = projection.project(99.81, 39.37);
    const [, y1] = projection.project(99.81, 39.38);
    const [x0] = projection.project(99.8, 39.375);
    const [x1] = projection.project(99.81, 39.375);
    expect((y0 - y1) * projection.metresPerPoint).toBeCloseTo(1111.95, 0);
    expect((x1 - x0) * projection.metresPerPoint).toBeCloseTo(1111.95 * Math.cos((39.375 * Math.PI) / 180), 0);
  });

  it('reports the extent the frame shows, containing the bbox', () => {
    const { extent, project } = fitFrameProjection(bbox, frame);
    expect(extent[0]).toBeLessThan(bbox[0]);
    expect(extent[2]).toBeGreaterThan(bbox[2]);
    const [left, top] = project(extent[0], extent[3]);
    const [right, bottom] = project(extent[2], extent[1]);
    expect([left, top, right, bottom].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([40, 100, 840, 600]);
  });

  it('shows a single point as 100 m across', () => {
    const projection = fitFrameProjection([99.8, 39.37, 99.8, 39.37], frame);
    const usable = frame.height - 2 * 0.06 * frame.height;
    expect(projection.metresPerPoint).toBeCloseTo(100 / usable, 9);
  });

  it('refuses a frame without area and a bbox whose west is east of its east', () => {
    expect(() => fitFrameProjection(bbox, { ...frame, width: 0 })).toThrow(RangeError);
    expect(() => fitFrameProjection([100, 39, 99, 40], frame)).toThrow(RangeError);
  });
});

describe('positionsBbox', () => {
  it('bounds every position, and is null for none', () => {
    expect(
      positionsBbox([
        [99.8, 39.4],
        [99.7, 39.5],
        [99.9, 39.3],
      ]),
    ).toEqual([99.7, 39.3, 99.9, 39.5]);
    expect(positionsBbox([])).toBeNull();
  });
});
