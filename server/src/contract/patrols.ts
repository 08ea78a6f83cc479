import { Type, type Static } from 'typebox';
import { GridCodeString } from './gridCode.js';

/** Online patrols (探头站岗、鼠标巡逻): each village twice a day (`POST /api/patrols`, `GET /api/patrols`). */

export const PatrolSlot = Type.Enum(['am', 'pm'], { description: '上午 / 下午 patrol slot' });
export type PatrolSlot = Static<typeof PatrolSlot>;

export const PatrolDayDate = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'China-time date YYYY-MM-DD; default today',
});
export type PatrolDayDate = Static<typeof PatrolDayDate>;

export const Patrol = Type.Object({
  id: Type.Integer(),
  townCode: Type.String(),
  villageCode: Type.String(),
  day: Type.String(),
  slot: PatrolSlot,
  doneAt: Type.String({ format: 'date-time' }),
  camerasViewed: Type.Integer(),
});
export type Patrol = Static<typeof Patrol>;

export const VillagePatrolDay = Type.Object({
  villageCode: Type.String(),
  villageName: Type.String(),
  am: Type.Union([Patrol, Type.Null()], { description: 'null: not done' }),
  pm: Type.Union([Patrol, Type.Null()], { description: 'null: not done' }),
});
export type VillagePatrolDay = Static<typeof VillagePatrolDay>;

export const PatrolDay = Type.Object({
  grid: Type.String(),
  day: Type.String(),
  slotsDone: Type.Integer(),
  slots: Type.Integer({ description: 'villages × 2' }),
  villages: Type.Array(VillagePatrolDay),
});
export type PatrolDay = Static<typeof PatrolDay>;

export const PatrolBody = Type.Object({
  villageCode: Type.String({ pattern: '^[0-9]{12}$', description: '12-digit village code' }),
  slot: PatrolSlot,
  camerasViewed: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10_000, description: 'default: the village’s cameras online now' }),
  ),
  day: Type.Optional(PatrolDayDate),
});
export type PatrolBody = Static<typeof PatrolBody>;

export const PatrolDayQuery = Type.Object({
  grid: GridCodeString('the grid whose villages are listed'),
  day: Type.Optional(PatrolDayDate),
});
export type PatrolDayQuery = Static<typeof PatrolDayQuery>;
