import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireGridInScope } from '../../auth/requestViewer.js';
import type { Sql } from '../../db/database.js';
import { childLevel, type GridCode } from '../../domain/gridCode.js';
import { kpiPeriod, shareOf } from '../../domain/kpiPeriod.js';
import { gridFigures, gridTrends, nullableRound4 } from '../../repos/grids/dossierMeasuresRepo.js';
import { gridBbox, gridCameras, gridLinkQuota, gridStreets, gridTeam } from '../../repos/grids/dossierRepo.js';
import { gridParents } from '../../repos/grids/gridRepo.js';
import { gridKpis } from '../../repos/kpis/kpiRepo.js';
import { csvText, sendCsv } from '../../http/csvReply.js';
import { currentGrid } from '../../http/currentGrid.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { GridCodeParams } from '../../contract/gridCode.js';
import { ChildrenCsv, GridDossier, type DossierChild } from '../../contract/dossier.js';

/**
 * The grid dossier (issue #4): one reply with everything the side panel shows for the selected
 * grid, and its children's measures as CSV. Names are masked, phones never sent (unmasking is the
 * separate audited contact route).
 */
export const dossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids/:code/dossier',
    {
      schema: {
        tags: ['grids'],
        summary:
          'The dossier of a grid (side panel): team, streets, households and links, cameras, patrols, cases, trends, children',
        description:
          'Counts come from rollups kept in the writers’ transactions and lists through the grid’s indexed scope columns, so a grid of any level, the prefecture included, costs the same in a county of any size. Names are masked; a grid outside the viewer’s scope is 404.',
        params: GridCodeParams,
        response: { 200: GridDossier, ...gridErrorReplies },
      },
    },
    async (request) => {
      requireGridInScope(request, request.params.code);
      const target = await currentGrid(app.db.sql, request.params.code);
      return readDossier(app.db.sql, target, new Date());
    },
  );

  app.get(
    '/api/grids/:code/children.csv',
    {
      schema: {
        tags: ['grids'],
        summary: 'The children of a grid with their measures, as CSV (UTF-8 with BOM, Chinese headers)',
        description:
          'One line per current child grid, ordered by code: the measures of the dossier’s `children` (households, open and overdue cases, open cases per 100 households, link coverage and camera online rate in %). A grid outside the viewer’s scope is 404.',
        params: GridCodeParams,
        response: {
          200: ChildrenCsv,
          ...gridErrorReplies,
        },
      },
    },
    async (request, reply) => {
      requireGridInScope(request, request.params.code);
      const target = await currentGrid(app.db.sql, request.params.code);
      const { children } = await gridFigures(app.db.sql, target, new Date());
      return sendCsv(reply, `${target.code}-children.csv`, childrenCsv(children));
    },
  );
};

export async function readDossier(
  sql: Sql,
  target: GridCode & { grid: { name: string } },
  now: Date,
): Promise<GridDossier> {
  const [parents, bbox, team, streets, figures, linkQuota, kpis, trends] = await Promise.all([
    gridParents(sql, target.code),
    gridBbox(sql, target.code),
    gridTeam(sql, target),
    gridStreets(sql, target),
    gridFigures(sql, target, now),
    gridLinkQuota(sql, target),
    gridKpis(sql, target, now),
    gridTrends(sql, target, now),
  ]);
  const { total, children } = figures;
  return {
    grid: {
      code: target.code,
      name: target.grid.name,
      level: target.level,
      parents,
      childLevel: childLevel(target.level),
      bbox,
    },
    team,
    streets,
    households: {
      total: total.households,
      linked: total.linked,
      coverage: nullableRound4(shareOf(total.linked, total.households)),
      population: total.population,
    },
    linkQuota,
    cameras: await gridCameras(sql, target.scope, total),
    patrolsToday: {
      day: kpiPeriod(now).today,
      villages: kpis.villages,
      slotsDue: kpis.patrolSlotsDue,
      slotsDone: kpis.patrolSlotsDone,
      completion: kpis.patrolCompletion,
    },
    openCases: {
      total: total.openCases,
      green: total.openCases - total.overdueCases - total.yellowCases,
      yellow: total.yellowCases,
      red: total.overdueCases,
    },
    trends,
    children,
    generatedAt: now.toISOString(),
  };
}

const levelNames = { prefecture: '市', county: '县', town: '镇', village: '村', group: '组' } as const;

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

export function childrenCsv(children: readonly DossierChild[]): string {
  return csvText(
    ['代码', '名称', '层级', '户数', '在办案件', '超期案件', '每百户在办', '联户覆盖率(%)', '摄像头在线率(%)'],
    children.map((child) => [
      child.code,
      child.name,
      levelNames[child.level],
      child.measures.households,
      child.measures.openCases,
      child.measures.overdueCases,
      child.measures.openPer100Households,
      percent(child.measures.linkCoverage),
      percent(child.measures.cameraOnlineRate),
    ]),
  );
}
