/// <reference types="pdfkit" />
/** Setting text on a board: the two faces, and text fitted to a width. */

export const REGULAR = 'board-regular';
export const BOLD = 'board-bold';

/** `text` cut with `…` so it is at most `width` points wide in the current font and size. */
export function fittedText(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const characters = [...text];
  while (characters.length > 0 && doc.widthOfString(`${characters.join('')}…`) > width) characters.pop();
  return `${characters.join('')}…`;
}

/** The largest size from `size` down to `smallest` at which `text` fits `width` in `font`. */
export function fittingSize(
  doc: PDFKit.PDFDocument,
  font: string,
  text: string,
  width: number,
  size: number,
  smallest: number,
): number {
  doc.font(font);
  let chosen = size;
  while (chosen > smallest && doc.fontSize(chosen).widthOfString(text) > width) chosen -= 1;
  return chosen;
}

/** One line of text at (x, y) with no wrapping (`y` is the top of the line). */
export function textLine(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  options: { font?: string; size: number; color?: string; width?: number; align?: 'left' | 'center' | 'right' },
): void {
  doc
    .font(options.font ?? REGULAR)
    .fontSize(options.size)
    .fillColor(options.color ?? '#000000');
  const shown = options.width !== undefined ? fittedText(doc, text, options.width) : text;
  doc.text(shown, x, y, {
    lineBreak: false,
    ...(options.width !== undefined ? { width: options.width, align: options.align ?? 'left' } : {}),
  });
}
