/// <reference types="pdfkit" />
import { boardTable, type BoardPerson, type BoardPost } from '../domain/boards/boardPeople.js';
import type { Box } from '../domain/boards/boardSheet.js';
import { BOLD, REGULAR, textLine } from './boardText.js';

const HEADER_HEIGHT = 28;

/** Column shares of the table's width: 职务, 姓名, 服务电话, 职责. */
const COLUMNS = [
  { title: '职务', share: 0.17 },
  { title: '姓名', share: 0.17 },
  { title: '服务电话', share: 0.27 },
  { title: '职责', share: 0.39 },
] as const;

export interface PeopleTableStyle {
  heading: string;
  /** Points per row (25 by default); the text is a little over half of it. */
  rowHeight?: number;
  /** Posts listed first, in this order (boardPeople.BOARD_POSTS by default). */
  order?: readonly BoardPost[];
}

/**
 * The table of responsible people (责任人) in `box`, cut with a "另有 N 人" row when they do not
 * fit. Returns the y below the table.
 */
export function drawPeopleTable(
  doc: PDFKit.PDFDocument,
  people: readonly BoardPerson[],
  box: Box,
  style: PeopleTableStyle,
): number {
  const ROW_HEIGHT = style.rowHeight ?? 25;
  const TEXT_SIZE = Math.round(ROW_HEIGHT * 0.52);
  textLine(doc, style.heading, box.x, box.y, { font: BOLD, size: 17 });
  const top = box.y + 28;
  const maxRows = Math.max(1, Math.floor((box.y + box.height - top - HEADER_HEIGHT) / ROW_HEIGHT));
  const { rows } = boardTable(people, maxRows, style.order);
  const widths = COLUMNS.map((column) => column.share * box.width);
  const lefts = widths.map((_, index) => box.x + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
  doc.save();
  doc.rect(box.x, top, box.width, HEADER_HEIGHT).fill('#eceff1');
  doc.restore();
  COLUMNS.forEach((column, index) =>
    textLine(doc, column.title, lefts[index]! + 6, top + 7, { font: BOLD, size: TEXT_SIZE }),
  );
  rows.forEach((row, index) => {
    const y = top + HEADER_HEIGHT + index * ROW_HEIGHT;
    const cells = [row.post, row.name, row.phone, row.duty];
    cells.forEach((cell, column) =>
      textLine(doc, cell, lefts[column]! + 6, y + (ROW_HEIGHT - TEXT_SIZE) / 2 - 1, {
        size: TEXT_SIZE,
        width: widths[column]! - 12,
        ...(column === 2 && row.phone.startsWith('服务') ? { color: '#757575' } : {}),
      }),
    );
    doc
      .moveTo(box.x, y + ROW_HEIGHT)
      .lineTo(box.x + box.width, y + ROW_HEIGHT)
      .lineWidth(0.5)
      .strokeColor('#b0bec5')
      .stroke();
  });
  const bottom = top + HEADER_HEIGHT + rows.length * ROW_HEIGHT;
  doc
    .lineWidth(1)
    .strokeColor('#607d8b')
    .rect(box.x, top, box.width, bottom - top)
    .stroke();
  return bottom;
}

/** A paragraph in `box`, wrapped, cut with an ellipsis when it runs past the box. */
export function drawParagraph(doc: PDFKit.PDFDocument, text: string, box: Box, size = 12): void {
  if (box.height < size * 1.4) return;
  doc.font(REGULAR).fontSize(size).fillColor('#000000');
  doc.text(text, box.x, box.y, { width: box.width, height: box.height, ellipsis: true, lineGap: 2 });
}
