/// <reference types="pdfkit" />
import QRCode from 'qrcode';
import type { Box } from '../domain/boards/boardSheet.js';

/** Modules of white kept around the symbol, as ISO/IEC 18004 asks. */
const QUIET_ZONE = 4;

/**
 * Draws `text` as a QR code filling the square `box`, as vector squares (sharp at any print
 * resolution): one path of each row's dark runs, filled once. Level M error correction survives a
 * scuffed or dirty board (15 % of the symbol).
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, box: Box): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const side = Math.min(box.width, box.height);
  const cell = side / (size + 2 * QUIET_ZONE);
  doc.save();
  doc.rect(box.x, box.y, side, side).fill('#ffffff');
  for (let row = 0; row < size; row++) {
    let run = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && modules.get(row, column) === 1;
      if (dark && run < 0) run = column;
      if (!dark && run >= 0) {
        doc.rect(box.x + (QUIET_ZONE + run) * cell, box.y + (QUIET_ZONE + row) * cell, (column - run) * cell, cell);
        run = -1;
      }
    }
  }
  doc.fill('#000000');
  doc.restore();
}
