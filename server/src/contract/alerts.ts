import { Type, type Static } from 'typebox';
import { GridCodeString } from './gridCode.js';

const ChinaDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'China-time date YYYY-MM-DD' });

export const AlertQuery = Type.Object({
  grid: GridCodeString('the area whose villages’ alerts are listed: a prefecture, county, town, village or group'),
  level: Type.Optional(Type.Enum(['village'], { description: 'the grids alerted: villages (the only level)' })),
  from: Type.Optional(
    Type.String({
      description:
        'ISO 8601 instant inside the case history; alerts of days from its China date (default: 6 days before `to`)',
    }),
  ),
  to: Type.Optional(
    Type.String({
      description: 'ISO 8601 instant inside the case history; alerts of days up to its China date (default: now)',
    }),
  ),
});
export type AlertQuery = Static<typeof AlertQuery>;

export const VillageAlert = Type.Object({
  village: Type.String({ description: '12-digit village code' }),
  villageName: Type.String(),
  town: Type.String({ description: '12-digit town code' }),
  day: ChinaDay,
  statistic: Type.Number({ description: 'the CUSUM C_t of the day, in cases' }),
  threshold: Type.Number({ description: 'the decision interval h the statistic reached' }),
  baselinePerWeek: Type.Number({ description: 'cases a week the village’s own history expects' }),
  categories: Type.Record(Type.String(), Type.Integer(), {
    description: 'cases per category code in the five weeks ending on the day',
  }),
  explanation: Type.String({ description: 'why, in zh-CN' }),
  explanationEn: Type.String({ description: 'why, in English' }),
  computedAt: Type.String({ format: 'date-time' }),
});
export type VillageAlert = Static<typeof VillageAlert>;

export const AlertReply = Type.Object({
  grid: Type.String(),
  from: ChinaDay,
  to: ChinaDay,
  alerts: Type.Array(VillageAlert, { description: 'by day (latest first), then village code' }),
});
export type AlertReply = Static<typeof AlertReply>;

export const AlertRecomputeQuery = Type.Object({
  grid: GridCodeString('the area recomputed: a prefecture, county, town or village'),
});

export const AlertRecomputeReply = Type.Object({
  grid: Type.String(),
  day: ChinaDay,
  villages: Type.Integer({ description: 'villages judged' }),
  alerts: Type.Array(VillageAlert, { description: 'the alerts of the monitored window now stored' }),
});
export type AlertRecomputeReply = Static<typeof AlertRecomputeReply>;
