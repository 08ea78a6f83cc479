import { Type, type Static } from 'typebox';
import { HistoryWindowQuery, IntervalColumn, WindowBound } from './historyWindow.js';

/**
 * Camera outages as columns, for playback on the cases' clock (issue #15 part 3). An outage runs
 * from a camera going offline to it coming back online, read from the `camera.status` changes the
 * audit trail keeps (every change is audited); a camera offline now with no recorded change is
 * down since it was last seen. A camera is equipment: id and position, no personal data.
 */
export const CameraOutageTimelineQuery = HistoryWindowQuery('camera outages');
export type CameraOutageTimelineQuery = Static<typeof CameraOutageTimelineQuery>;

export const CameraOutageTimeline = Type.Object(
  {
    grid: Type.String({ description: 'the grid read (the viewer’s part of the asked one)' }),
    from: WindowBound,
    to: WindowBound,
    count: Type.Integer({ description: 'entries in every column' }),
    cameraId: IntervalColumn(Type.String(), 'the camera’s 20-digit national device code'),
    startAt: IntervalColumn(Type.Integer(), 'when it went offline, epoch ms; the columns are sorted by it'),
    endAt: IntervalColumn(
      Type.Union([Type.Integer(), Type.Null()]),
      'when it came back online, epoch ms; null while it is still offline',
    ),
    lon: IntervalColumn(Type.Number(), 'longitude (6 decimals)'),
    lat: IntervalColumn(Type.Number(), 'latitude (6 decimals)'),
  },
  { description: 'the outages as columns of equal length' },
);
export type CameraOutageTimeline = Static<typeof CameraOutageTimeline>;
