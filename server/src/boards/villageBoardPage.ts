/// <reference types="pdfkit" />
import type { VillageBoardContent } from '../domain/boards/boardContent.js';
import { boardTitle } from '../domain/boards/boardPlan.js';
import { boardSheetLayout } from '../domain/boards/boardSheet.js';
import { drawPeopleTable } from './drawPeopleTable.js';
import { drawSheetFrame } from './drawBoardSheet.js';
import { closeBoardMap, drawLabel, drawOutline, MAP_COLOURS, openBoardMap } from './drawBoardMap.js';

/** A village's cover page: its groups on one map with their households, the cadres and grid heads. */
export function drawVillageBoardPage(
  doc: PDFKit.PDFDocument,
  content: VillageBoardContent,
  page: { publicUrl: string; printDate: string },
): void {
  const layout = boardSheetLayout();
  const { grid } = content;
  const map = openBoardMap(doc, layout.map, grid.bbox);
  drawOutline(map, grid.outline, { stroke: MAP_COLOURS.grid, width: 1, fill: MAP_COLOURS.gridFill });
  for (const group of content.groups) drawOutline(map, group.outline, { stroke: '#8d6e63', width: 1.2 });
  drawOutline(map, grid.outline, { stroke: MAP_COLOURS.grid, width: 3 });
  for (const group of content.groups) {
    drawLabel(map, group.name, group.labelAt, { size: 14, colour: '#3e2723', bold: true, offsetY: -9 });
    drawLabel(map, `${group.households} 户`, group.labelAt, { size: 11, colour: '#5d4037', offsetY: 9 });
  }
  closeBoardMap(map, [
    { kind: 'area', label: `本村 ${grid.name}`, stroke: MAP_COLOURS.grid, fill: MAP_COLOURS.gridFill },
    { kind: 'outline', label: '村民小组网格', stroke: '#8d6e63' },
  ]);
  const streets = content.groups.reduce((sum, group) => sum + group.streets, 0);
  const cameras = content.groups.reduce((sum, group) => sum + group.cameras, 0);
  drawSheetFrame(doc, layout, {
    title: boardTitle(grid.parents, grid.name, true),
    subtitle: `村级网格编码 ${grid.code}　共 ${content.groups.length} 个村民小组网格，各组公示牌见后页`,
    facts: `户数 ${content.households} 户　网格 ${content.groups.length} 个　责任街巷 ${streets} 条　探头 ${cameras} 个`,
    publicUrl: page.publicUrl,
    printDate: page.printDate,
  });
  drawPeopleTable(doc, content.people, layout.people, {
    heading: '包村干部与各组网格长',
    rowHeight: 20,
    order: ['village_cadre', 'grid_head'],
  });
}
