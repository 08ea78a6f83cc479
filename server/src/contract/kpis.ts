import { Type, type Static } from 'typebox';
import { GridCodeString } from './gridCode.js';

/** `GET /api/kpis`: the command-centre figures of a grid (指挥中心指标). Counts only: no personal data. */

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Share = (description: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: `${description}; null when nothing was counted`,
  });

export const KpiQuery = Type.Object({ scope: GridCodeString('the grid the figures cover') });
export type KpiQuery = Static<typeof KpiQuery>;

export const GridKpis = Type.Object({
  scope: Type.String({ description: 'the grid code as stored (12 or 15 digits)' }),
  at: Type.String({ format: 'date-time', description: 'the instant the figures were read' }),
  openNow: Count('open cases (registered, accepted, mediating)'),
  overdueNow: Count('open cases past their stage deadline'),
  resolvedToday: Count('cases resolved since 00:00 China time'),
  resolvedThisMonth: Count('cases resolved this month (China time)'),
  transferredThisMonth: Count('cases transferred to a department or the courts this month'),
  villageResolutionRate: Share('小事不出村: resolved at group or village level / resolved, this month'),
  townResolutionRate: Share('大事不出镇: resolved at or below the town / (resolved + transferred up), this month'),
  cameras: Count('cameras (雪亮工程)'),
  camerasOnline: Count('cameras online'),
  cameraOnlineRate: Share('cameras online / cameras'),
  villages: Count('villages whose cameras are patrolled'),
  patrolSlotsDone: Count("today's online patrol slots done"),
  patrolSlotsDue: Count(
    'slots due so far today: villages × slots whose window ended (am 11:30, pm 17:30) + slots done early',
  ),
  patrolCompletion: Share("today's patrol completion: slots done / slots due so far"),
});
export type GridKpis = Static<typeof GridKpis>;

/** The figures without the envelope (`scope`, `at`): what the KPI repository reads. */
export type GridKpiFigures = Omit<GridKpis, 'scope' | 'at'>;
