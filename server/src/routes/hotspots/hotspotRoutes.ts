import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentGrid } from '../../http/currentGrid.js';
import { scopedGrid } from '../../auth/requestViewer.js';
import { sendJsonText } from '../../http/jsonText.js';
import { BadRequestError } from '../../http/errorReplies.js';
import { instantParameter, requireInCaseHistory } from '../../http/historyInstant.js';
import { listCaseCategories } from '../../repos/cases/caseCategoryRepo.js';
import { hotspotGrids, queenNeighbourPairs, weeklyCaseCounts } from '../../repos/hotspots/hotspotCubeRepo.js';
import { descendantCodeRange } from '../../domain/gridCode.js';
import { analysisWeeks } from '../../domain/hotspots/analysisWeeks.js';
import { emergingHotSpots } from '../../domain/hotspots/emergingHotSpots.js';
import { gridErrorReplies } from '../../contract/errorReply.js';
import { SCOPED_LIST_RULE } from '../../contract/scopeRule.js';
import { HOTSPOT_WEEKS, HotspotQuery, HotspotReply } from '../../contract/hotspots.js';

/** Emerging hot spots of an area's villages or groups (issue #15 part 4). */
export const hotspotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/hotspots',
    {
      schema: {
        tags: ['cases'],
        summary: 'Emerging hot spots (时空热点): where cases cluster, week by week',
        description:
          `Cases reported per village or group in each of the ${HOTSPOT_WEEKS} ISO weeks (China time) ending with the week of \`at\` (counted up to \`at\`). Each week every grid gets its Getis-Ord Gi* z-score over itself and its queen neighbours at the same level (binary weights; mean and variance over all grids of that level in the area that week); the Mann-Kendall trend of its ${HOTSPOT_WEEKS} z-scores; and the class of Esri’s emerging hot spot analysis (bins significant at |z| ≥ 1.96, the trend at p ≤ 0.05, 90 % = 47 of 52 weeks; per week, without Esri’s FDR correction or time-step neighbours). The area is the asked grid (a prefecture, county, town, or for groups also a village); \`level\` must be below it.` +
          SCOPED_LIST_RULE,
        querystring: HotspotQuery,
        response: { 200: HotspotReply, ...gridErrorReplies },
      },
    },
    async (request, reply) => {
      const { level, category } = request.query;
      const at = request.query.at === undefined ? new Date() : instantParameter(request.query.at, 'at');
      const target = scopedGrid(request, await currentGrid(app.db.sql, request.query.grid));
      const range = descendantCodeRange(target, level);
      if (!range) {
        throw new BadRequestError(
          `querystring parameter "level" must be below the analysed area: ${target.level} ${target.code} has no ${level} grids to compare`,
        );
      }
      await requireInCaseHistory(app.db.sql, { at }, new Date());
      if (category !== undefined) {
        const known = await listCaseCategories(app.db.sql);
        if (!known.some((entry) => entry.code === category)) {
          throw new BadRequestError(`querystring parameter "category" is not a case category: ${category}`);
        }
      }
      const weeks = analysisWeeks(at, HOTSPOT_WEEKS);
      const [grids, pairs, counted] = await Promise.all([
        hotspotGrids(app.db.sql, level, range),
        queenNeighbourPairs(app.db.sql, level, range),
        weeklyCaseCounts(app.db.sql, target.scope, level, weeks, category),
      ]);
      const index = new Map(grids.map((grid, i) => [grid.code, i]));
      const neighbours = grids.map(() => [] as number[]);
      for (const { a, b } of pairs) {
        const [i, j] = [index.get(a), index.get(b)];
        if (i === undefined || j === undefined) continue;
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
      const counts = grids.map(() => new Array<number>(HOTSPOT_WEEKS).fill(0));
      for (const { code, week, count } of counted) {
        const i = index.get(code);
        // A case of a group a plan has since removed belongs to no current grid of the level.
        if (i !== undefined && week >= 0 && week < HOTSPOT_WEEKS) counts[i]![week] = count;
      }
      const results = emergingHotSpots({ counts, neighbours });
      const body: HotspotReply = {
        grid: target.code,
        level,
        category: category ?? null,
        at: at.toISOString(),
        weeks: weeks.mondays,
        grids: grids.map((grid, i) => ({
          code: grid.code,
          name: grid.name,
          counts: counts[i]!,
          neighbours: neighbours[i]!.map((j) => grids[j]!.code).sort(),
          ...results[i]!,
        })),
      };
      // Built by JSON.stringify: a prefecture's groups are ~10,000 × 3 × 52 numbers.
      return sendJsonText(reply, JSON.stringify(body));
    },
  );
};
