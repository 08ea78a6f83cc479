import type { FastifyReply } from 'fastify';

/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel on Windows reads Chinese as mojibake
 * without it), CRLF line ends (RFC 4180), every text cell quoted when it holds a separator, quote or
 * line break. A text cell that starts like a formula (= + - @) gets a leading apostrophe so a
 * spreadsheet shows it instead of evaluating it (CSV injection).
 */
export type CsvCell = string | number | null;

export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Sends CSV as a download named `filename` (ASCII, chosen by the route). */
export function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
