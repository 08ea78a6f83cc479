import { Type, type Static } from 'typebox';
import { Patrol, PatrolSlot } from './patrols.js';

/**
 * A look at a village's cameras (`POST /api/cameras/views`): the online patrol (探头站岗、鼠标巡逻)
 * is recorded as its by-product, never by a button of its own (the 减负 rules forbid 打卡).
 */
export const CameraViewBody = Type.Object(
  {
    villageCode: Type.String({ pattern: '^[0-9]{12}$', description: '12-digit village code' }),
    cameraIds: Type.Array(Type.String({ pattern: '^[0-9]{20}$', description: '20-digit GB/T 28181 camera code' }), {
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      description: 'the village’s cameras the viewer opened',
    }),
  },
  { additionalProperties: false },
);
export type CameraViewBody = Static<typeof CameraViewBody>;

export const CameraView = Type.Object({
  villageCode: Type.String(),
  day: Type.String({ description: 'China-time date YYYY-MM-DD' }),
  slot: PatrolSlot,
  recorded: Type.Boolean({ description: 'true: this view recorded the slot’s patrol; false: it was done already' }),
  patrol: Patrol,
});
export type CameraView = Static<typeof CameraView>;
