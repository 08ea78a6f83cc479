import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { Sql } from '../db/database.js';
import type { BoardPage } from '../domain/boards/boardPlan.js';
import { boardPrintDate, villagePublicUrl } from '../domain/boards/boardPlan.js';
import { A3_PORTRAIT } from '../domain/boards/boardSheet.js';
import type { GroupBoardContent, VillageBoardContent } from '../domain/boards/boardContent.js';
import { groupBoardContent, villageBoardContent } from '../repos/boards/boardRepo.js';
import type { BoardFonts } from './boardFonts.js';
import { BOLD, REGULAR } from './boardText.js';
import { drawGroupBoardPage } from './groupBoardPage.js';
import { drawVillageBoardPage } from './villageBoardPage.js';

export interface BoardPdfOptions {
  fonts: BoardFonts;
  /** Where the QR codes lead: `<publicOrigin>/p/<village code>`. */
  publicOrigin: string;
  now: Date;
  /** The document's title (PDF Info). */
  title: string;
  /** After each page is drawn: pages done and the total. */
  onPage?: (done: number, total: number) => void;
  /** A failure after the first page: the stream is destroyed with it too. */
  onError?: (error: unknown) => void;
}

type PageContent = { kind: 'group'; content: GroupBoardContent } | { kind: 'village'; content: VillageBoardContent };

function readPage(sql: Sql, page: BoardPage): Promise<PageContent> {
  return page.kind === 'group'
    ? groupBoardContent(sql, page.code).then((content) => ({ kind: 'group', content }))
    : villageBoardContent(sql, page.code).then((content) => ({ kind: 'village', content }));
}

/**
 * The notice boards of `pages` as one PDF stream (A3 portrait pages, Noto Sans CJK subset
 * embedded). The first page's data is read before the stream is returned, so a failure there is
 * the caller's error reply; then each page is drawn while the next one's data is read, and PDFKit
 * writes every finished page out, so a town's hundreds of pages never sit in memory together.
 */
export async function boardPdf(sql: Sql, pages: readonly BoardPage[], options: BoardPdfOptions): Promise<Readable> {
  const first = pages[0];
  if (!first) throw new RangeError('a board PDF has at least one page');
  const firstContent = await readPage(sql, first);
  const printDate = boardPrintDate(options.now);
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [A3_PORTRAIT.width, A3_PORTRAIT.height],
    margin: 0,
    info: { Title: options.title, Creator: 'gridmap', Subject: '一格一图 网格公示牌' },
  });
  doc.registerFont(REGULAR, options.fonts.regular.path, options.fonts.regular.family);
  doc.registerFont(BOLD, options.fonts.bold.path, options.fonts.bold.family);

  const drawPages = async () => {
    let current = firstContent;
    for (let index = 0; index < pages.length; index++) {
      const following = index + 1 < pages.length ? readPage(sql, pages[index + 1]!) : null;
      doc.addPage({ size: [A3_PORTRAIT.width, A3_PORTRAIT.height], margin: 0 });
      const page = { publicUrl: villagePublicUrl(options.publicOrigin, pages[index]!.code), printDate };
      if (current.kind === 'group') drawGroupBoardPage(doc, current.content, page);
      else drawVillageBoardPage(doc, current.content, page);
      options.onPage?.(index + 1, pages.length);
      if (following) current = await following;
    }
    doc.end();
  };
  drawPages().catch((error: unknown) => {
    options.onError?.(error);
    doc.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return doc;
}
