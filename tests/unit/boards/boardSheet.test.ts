import { describe, expect, it } from 'vitest';
import {
  A3_PORTRAIT,
  boardSheetLayout,
  boxesOverlap,
  boxInside,
} from '../../../server/src/domain/boards/boardSheet.js';

describe('boardSheetLayout', () => {
  it('is A3 portrait: 297 × 420 mm in points, as pdfinfo prints it', () => {
    expect(A3_PORTRAIT.width).toBe(Math.round((297 * 72 * 100) / 25.4) / 100);
    expect(A3_PORTRAIT.height).toBe(Math.round((420 * 72 * 100) / 25.4) / 100);
  });

  it('keeps every part on the sheet, none overlapping another', () => {
    const layout = boardSheetLayout();
    const sheet = { x: 0, y: 0, ...A3_PORTRAIT };
    const parts = Object.entries(layout);
    for (const [name, box] of parts) expect(boxInside(box, sheet), name).toBe(true);
    for (const [a, boxA] of parts)
      for (const [b, boxB] of parts) if (a < b) expect(boxesOverlap(boxA, boxB), `${a} ${b}`).toBe(false);
  });

  it('gives the QR code a square of at least 150 pt (53 mm), to be read from a metre away', () => {
    const { qr } = boardSheetLayout();
    expect(qr.width).toBe(qr.height);
    expect(qr.width).toBeGreaterThanOrEqual(150);
  });
});
