import QRCode from 'qrcode';

/** Modules of white kept around the symbol, as ISO/IEC 18004 asks. */
const QUIET_ZONE = 4;

/**
 * `text` as a QR code in SVG, one module per user unit on a white square: a single path of each
 * row's dark runs (as boards/drawQrCode.ts draws it into the PDFs), so it prints sharp at any size
 * and stays small. Level M error correction survives a creased or smudged slip.
 */
export function qrCodeSvg(text: string, options: { sizePx?: number } = {}): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const side = size + 2 * QUIET_ZONE;
  let path = '';
  for (let row = 0; row < size; row++) {
    let run = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && modules.get(row, column) === 1;
      if (dark && run < 0) run = column;
      if (!dark && run >= 0) {
        path += `M${QUIET_ZONE + run} ${QUIET_ZONE + row}h${column - run}v1h${run - column}z`;
        run = -1;
      }
    }
  }
  const px = options.sizePx ?? side * 4;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
