/// <reference types="pdfkit" />
import { fitFrameProjection, type FrameProjection, type LonLatBbox } from '../domain/boards/boardProjection.js';
import type { Box } from '../domain/boards/boardSheet.js';
import { scaleBarFor } from '../domain/boards/scaleBar.js';
import type { Outline } from '../domain/boards/boardContent.js';
import { BOLD, REGULAR, textLine } from './boardText.js';

/**
 * The map frame of a board, drawn as vectors (exact at 300 DPI and any other): outlines, lines and
 * symbols projected by the domain's frame projection, clipped to the frame, with a scale bar, a
 * north arrow and a legend. Line widths are at least 0.75 pt, over three dots at 300 DPI.
 */
export interface BoardMap {
  doc: PDFKit.PDFDocument;
  frame: Box;
  projection: FrameProjection;
}

export const MAP_COLOURS = {
  grid: '#c62828',
  gridFill: '#fff3e0',
  neighbour: '#9e9e9e',
  street: '#1565c0',
  camera: '#2e7d32',
} as const;

/** Opens the frame for `bbox`: border and clip; close it with {@link closeBoardMap}. */
export function openBoardMap(doc: PDFKit.PDFDocument, frame: Box, bbox: LonLatBbox): BoardMap {
  const projection = fitFrameProjection(bbox, frame);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).fill('#fbfbf8');
  doc.rect(frame.x, frame.y, frame.width, frame.height).clip();
  return { doc, frame, projection };
}

/** Ends the clip, then draws the border, scale bar, north arrow and legend over the map. */
export function closeBoardMap(map: BoardMap, legend: readonly LegendEntry[]): void {
  const { doc, frame } = map;
  doc.restore();
  doc.lineWidth(1.5).strokeColor('#333333').rect(frame.x, frame.y, frame.width, frame.height).stroke();
  drawScaleBar(map);
  drawNorthArrow(map);
  drawLegend(map, legend);
}

function tracePolygons(map: BoardMap, outline: Outline): void {
  for (const polygon of outline) {
    for (const ring of polygon) {
      ring.forEach(([lon, lat], index) => {
        const [x, y] = map.projection.project(lon!, lat!);
        if (index === 0) map.doc.moveTo(x, y);
        else map.doc.lineTo(x, y);
      });
      map.doc.closePath();
    }
  }
}

export function drawOutline(
  map: BoardMap,
  outline: Outline,
  style: { stroke: string; width: number; fill?: string; dash?: number },
): void {
  const { doc } = map;
  doc.save();
  tracePolygons(map, outline);
  doc.lineWidth(style.width).lineJoin('round');
  if (style.dash) doc.dash(style.dash, { space: style.dash * 0.6 });
  if (style.fill) doc.fillAndStroke(style.fill, style.stroke, 'even-odd');
  else doc.strokeColor(style.stroke).stroke();
  doc.restore();
}

export function drawLine(map: BoardMap, line: readonly number[][], colour: string, width: number): void {
  const { doc } = map;
  doc.save();
  line.forEach(([lon, lat], index) => {
    const [x, y] = map.projection.project(lon!, lat!);
    if (index === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.lineWidth(width).lineCap('round').lineJoin('round').strokeColor(colour).stroke();
  doc.restore();
}

/** A label centred on a position, on a white box so it reads over lines. */
export function drawLabel(
  map: BoardMap,
  text: string,
  at: readonly [number, number],
  style: { size: number; colour: string; bold?: boolean; offsetY?: number },
): void {
  const { doc } = map;
  const [x, y] = map.projection.project(at[0], at[1]);
  doc.font(style.bold ? BOLD : REGULAR).fontSize(style.size);
  const width = doc.widthOfString(text);
  const top = y - style.size * 0.7 + (style.offsetY ?? 0);
  doc.save();
  doc
    .fillOpacity(0.8)
    .rect(x - width / 2 - 2, top - 1, width + 4, style.size * 1.45)
    .fill('#ffffff');
  doc.restore();
  textLine(doc, text, x - width / 2, top, {
    size: style.size,
    color: style.colour,
    ...(style.bold ? { font: BOLD } : {}),
  });
}

/** A camera (探头): a filled disc with a white ring, 10 pt across. */
export function drawCamera(map: BoardMap, lon: number, lat: number): void {
  const [x, y] = map.projection.project(lon, lat);
  cameraSymbol(map.doc, x, y);
}

function cameraSymbol(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc.save();
  doc.circle(x, y, 5).lineWidth(1.2).fillAndStroke(MAP_COLOURS.camera, '#ffffff');
  doc.circle(x, y, 1.6).fill('#ffffff');
  doc.restore();
}

/** The position halfway along a line (by vertex count: enough to hang a label on). */
export function lineMiddle(line: readonly number[][]): [number, number] {
  const a = line[Math.floor((line.length - 1) / 2)]!;
  const b = line[Math.ceil((line.length - 1) / 2)]!;
  return [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
}

function drawScaleBar(map: BoardMap): void {
  const { doc, frame, projection } = map;
  const bar = scaleBarFor(projection.metresPerPoint, frame.width * 0.25);
  const x = frame.x + 18;
  const y = frame.y + frame.height - 30;
  doc.save();
  doc
    .fillOpacity(0.85)
    .rect(x - 8, y - 22, bar.points + 16, 40)
    .fill('#ffffff');
  doc.restore();
  const half = bar.points / 2;
  doc.lineWidth(0.75).strokeColor('#000000');
  doc.rect(x, y, half, 6).fillAndStroke('#000000', '#000000');
  doc.rect(x + half, y, half, 6).fillAndStroke('#ffffff', '#000000');
  textLine(doc, '0', x - 3, y - 16, { size: 10 });
  textLine(doc, bar.label, x + bar.points - 40, y - 16, { size: 10, width: 60, align: 'center' });
}

function drawNorthArrow(map: BoardMap): void {
  const { doc, frame } = map;
  const x = frame.x + frame.width - 36;
  const y = frame.y + 22;
  doc.save();
  doc
    .moveTo(x, y)
    .lineTo(x + 10, y + 34)
    .lineTo(x, y + 26)
    .lineTo(x - 10, y + 34)
    .closePath();
  doc.lineWidth(1).fillAndStroke('#000000', '#000000');
  doc.restore();
  textLine(doc, '北', x - 6, y + 36, { size: 12, font: BOLD });
}

export type LegendEntry =
  | { kind: 'area'; label: string; stroke: string; fill: string }
  | { kind: 'outline'; label: string; stroke: string }
  | { kind: 'line'; label: string; stroke: string }
  | { kind: 'camera'; label: string };

function drawLegend(map: BoardMap, entries: readonly LegendEntry[]): void {
  const { doc, frame } = map;
  const width = 150;
  const rowHeight = 20;
  const x = frame.x + frame.width - width - 12;
  const y = frame.y + frame.height - entries.length * rowHeight - 22;
  doc.save();
  doc
    .fillOpacity(0.9)
    .rect(x, y, width, entries.length * rowHeight + 10)
    .fill('#ffffff');
  doc.restore();
  doc
    .lineWidth(0.75)
    .strokeColor('#777777')
    .rect(x, y, width, entries.length * rowHeight + 10)
    .stroke();
  entries.forEach((entry, index) => {
    const rowY = y + 5 + index * rowHeight;
    const midY = rowY + rowHeight / 2;
    doc.save();
    if (entry.kind === 'area')
      doc
        .rect(x + 10, midY - 6, 26, 12)
        .lineWidth(2)
        .fillAndStroke(entry.fill, entry.stroke);
    if (entry.kind === 'outline')
      doc
        .rect(x + 10, midY - 6, 26, 12)
        .lineWidth(1)
        .strokeColor(entry.stroke)
        .stroke();
    if (entry.kind === 'line')
      doc
        .moveTo(x + 10, midY)
        .lineTo(x + 36, midY)
        .lineWidth(2.5)
        .strokeColor(entry.stroke)
        .stroke();
    if (entry.kind === 'camera') cameraSymbol(doc, x + 23, midY);
    doc.restore();
    textLine(doc, entry.label, x + 46, midY - 7, { size: 11, width: width - 52 });
  });
}
