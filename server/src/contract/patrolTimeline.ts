import { Type, type Static } from 'typebox';
import { HistoryWindowQuery, IntervalColumn, WindowBound } from './historyWindow.js';

/**
 * Online patrol records as columns, for playback on the cases' clock (issue #15 part 3). A patrol
 * is drawn from when it was done to the end of its slot's window (am 11:30, pm 17:30 China time of
 * its day), at least an hour: a record, not a timer on anyone. No member, only the village.
 */
export const PatrolTimelineQuery = HistoryWindowQuery('patrols');
export type PatrolTimelineQuery = Static<typeof PatrolTimelineQuery>;

export const PatrolTimeline = Type.Object(
  {
    grid: Type.String({ description: 'the grid read (the viewer’s part of the asked one)' }),
    from: WindowBound,
    to: WindowBound,
    count: Type.Integer({ description: 'entries in every column' }),
    villageCode: IntervalColumn(Type.String(), 'the patrolled village'),
    slot: IntervalColumn(Type.Enum(['am', 'pm']), 'the half day it counts for'),
    startAt: IntervalColumn(Type.Integer(), 'when it was done, epoch ms; the columns are sorted by it'),
    endAt: IntervalColumn(Type.Integer(), 'the end of its slot’s window (at least an hour after startAt), epoch ms'),
    lon: IntervalColumn(Type.Number(), 'longitude of the village’s label point (6 decimals)'),
    lat: IntervalColumn(Type.Number(), 'latitude of the village’s label point (6 decimals)'),
  },
  { description: 'the patrols as columns of equal length' },
);
export type PatrolTimeline = Static<typeof PatrolTimeline>;
