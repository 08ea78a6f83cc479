/// <reference types="pdfkit" />
import { A3_PORTRAIT, type BoardSheetLayout } from '../domain/boards/boardSheet.js';
import { drawQrCode } from './drawQrCode.js';
import { BOLD, fittingSize, textLine } from './boardText.js';

/** The parts every board page shares: title band, facts line, QR code with its URL, footer. */
export interface SheetFrame {
  title: string;
  subtitle: string;
  facts: string;
  publicUrl: string;
  printDate: string;
}

export function drawSheetFrame(doc: PDFKit.PDFDocument, layout: BoardSheetLayout, frame: SheetFrame): void {
  const { title, facts, qr, footer } = layout;
  doc.save();
  doc.rect(0, 0, A3_PORTRAIT.width, title.y + title.height - 8).fill('#b71c1c');
  doc.restore();
  const size = fittingSize(doc, BOLD, frame.title, title.width, 38, 20);
  textLine(doc, frame.title, title.x, title.y - 6, { font: BOLD, size, color: '#ffffff', width: title.width });
  textLine(doc, frame.subtitle, title.x, title.y + size + 2, { size: 14, color: '#ffebee', width: title.width });

  textLine(doc, frame.facts, facts.x, facts.y + 4, { font: BOLD, size: 18, width: facts.width });

  textLine(doc, '扫码查看本村网格 · 投诉建议', qr.x - 20, qr.y - 22, {
    font: BOLD,
    size: 14,
    width: qr.width + 40,
    align: 'center',
  });
  drawQrCode(doc, frame.publicUrl, qr);
  textLine(doc, frame.publicUrl, qr.x - 40, qr.y + qr.height + 6, { size: 10, width: qr.width + 40, align: 'right' });

  doc
    .moveTo(footer.x, footer.y)
    .lineTo(footer.x + footer.width, footer.y)
    .lineWidth(0.75)
    .strokeColor('#9e9e9e')
    .stroke();
  textLine(doc, `打印日期 ${frame.printDate}`, footer.x, footer.y + 6, { size: 11, color: '#616161' });
  textLine(doc, '一格一图 · 网格化管理 服务到人', footer.x, footer.y + 6, {
    size: 11,
    color: '#616161',
    width: footer.width,
    align: 'right',
  });
}
