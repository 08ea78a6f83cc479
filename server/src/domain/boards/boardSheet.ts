/**
 * The sheet a notice board (一格一图公示牌) is printed on and where each part of it goes, in PDF
 * points (1/72 inch), origin at the top left as PDFKit draws. Pure: no I/O.
 */

/** ISO 216 A3 portrait, 297 × 420 mm: 841.89 × 1190.55 pt (mm × 72 / 25.4, to 2 decimals as PDF viewers print it). */
export const A3_PORTRAIT = { width: 841.89, height: 1190.55 } as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MARGIN = 42;
const INNER_WIDTH = A3_PORTRAIT.width - 2 * MARGIN;

/** The parts of a board: title band, map, people table, QR code with its URL, footer. */
export interface BoardSheetLayout {
  title: Box;
  map: Box;
  facts: Box;
  people: Box;
  qr: Box;
  footer: Box;
}

/**
 * One layout for every page (a group's board and a village's cover): the map takes the upper
 * half, the table and QR code share the lower part. The QR box is square, 170 pt (60 mm): read
 * from a metre away by a phone, and ~10 px a module when rendered at 150 DPI for the test.
 */
export function boardSheetLayout(): BoardSheetLayout {
  const title: Box = { x: MARGIN, y: MARGIN, width: INNER_WIDTH, height: 78 };
  const map: Box = { x: MARGIN, y: title.y + title.height + 12, width: INNER_WIDTH, height: 540 };
  const facts: Box = { x: MARGIN, y: map.y + map.height + 14, width: INNER_WIDTH, height: 34 };
  const qrSide = 170;
  const lowerTop = facts.y + facts.height + 10;
  const footer: Box = { x: MARGIN, y: A3_PORTRAIT.height - MARGIN - 22, width: INNER_WIDTH, height: 22 };
  const qr: Box = { x: MARGIN + INNER_WIDTH - qrSide, y: lowerTop + 24, width: qrSide, height: qrSide };
  const people: Box = {
    x: MARGIN,
    y: lowerTop,
    width: INNER_WIDTH - qrSide - 30,
    height: footer.y - 10 - lowerTop,
  };
  return { title, map, facts, people, qr, footer };
}

/** True when `inner` lies inside `outer` (edges may touch). */
export function boxInside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** True when two boxes share some area (touching edges do not). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
