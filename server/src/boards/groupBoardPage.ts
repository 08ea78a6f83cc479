/// <reference types="pdfkit" />
import type { GroupBoardContent } from '../domain/boards/boardContent.js';
import { boardTitle } from '../domain/boards/boardPlan.js';
import { boardSheetLayout } from '../domain/boards/boardSheet.js';
import { drawParagraph, drawPeopleTable } from './drawPeopleTable.js';
import { linkMembersParagraph } from '../domain/boards/boardPeople.js';
import { drawSheetFrame } from './drawBoardSheet.js';
import {
  closeBoardMap,
  drawCamera,
  drawLabel,
  drawLine,
  drawOutline,
  lineMiddle,
  MAP_COLOURS,
  openBoardMap,
} from './drawBoardMap.js';

/** A group's board (一格一图) on the current page: its map, people, households and QR code. */
export function drawGroupBoardPage(
  doc: PDFKit.PDFDocument,
  content: GroupBoardContent,
  page: { publicUrl: string; printDate: string },
): void {
  const layout = boardSheetLayout();
  const { grid } = content;
  const map = openBoardMap(doc, layout.map, grid.bbox);
  for (const neighbour of content.neighbours) {
    drawOutline(map, neighbour.outline, { stroke: MAP_COLOURS.neighbour, width: 1, fill: '#f2f2f2' });
  }
  drawOutline(map, grid.outline, { stroke: MAP_COLOURS.grid, width: 3, fill: MAP_COLOURS.gridFill });
  for (const neighbour of content.neighbours) {
    drawLabel(map, neighbour.label, neighbour.labelAt, { size: 12, colour: '#757575' });
  }
  for (const street of content.streets) drawLine(map, street.line, MAP_COLOURS.street, 3);
  for (const camera of content.cameras) drawCamera(map, camera.lon, camera.lat);
  for (const street of content.streets) {
    const label = street.chief ? `${street.name}（街长 ${street.chief}）` : street.name;
    drawLabel(map, label, lineMiddle(street.line), { size: 12, colour: MAP_COLOURS.street, offsetY: -12 });
  }
  closeBoardMap(map, [
    { kind: 'area', label: `本组 ${grid.name}`, stroke: MAP_COLOURS.grid, fill: MAP_COLOURS.gridFill },
    { kind: 'outline', label: '相邻网格', stroke: MAP_COLOURS.neighbour },
    { kind: 'line', label: '责任街巷', stroke: MAP_COLOURS.street },
    { kind: 'camera', label: '雪亮工程探头' },
  ]);

  drawSheetFrame(doc, layout, {
    title: boardTitle(grid.parents, grid.name),
    subtitle: `网格编码 ${grid.code}　横到边、纵到底、全覆盖、无缝隙`,
    facts: `户数 ${content.households} 户　责任街巷 ${content.streets.length} 条　探头 ${content.cameras.length} 个`,
    publicUrl: page.publicUrl,
    printDate: page.printDate,
  });
  // The table fits the posts; the dozens of linked party members follow as one paragraph.
  const { people } = layout;
  const paragraph = linkMembersParagraph(content.people);
  const tableBox = paragraph ? { ...people, height: people.height - 80 } : people;
  const tablePeople = content.people.filter((person) => person.post !== 'link_member');
  const below = drawPeopleTable(doc, tablePeople, tableBox, { heading: '网格责任人' });
  if (paragraph) {
    drawParagraph(doc, paragraph, {
      x: people.x,
      y: below + 10,
      width: people.width,
      height: people.y + people.height - below - 10,
    });
  }
}
