import { Type, type Static } from 'typebox';

const CalendarDate = Type.String({ maxLength: 10, description: 'a China-local calendar date, YYYY-MM-DD' });

export const CalendarSource = Type.Union([Type.Literal('loaded'), Type.Literal('bundled'), Type.Literal('weekdays')], {
  description:
    'loaded: an arrangement an administrator loaded; bundled: the State Council data shipped with gridmap; weekdays: no arrangement known, Monday–Friday counted',
});
export type CalendarSource = Static<typeof CalendarSource>;

export const CalendarCoverage = Type.Object({
  coveredUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'the last day of the unbroken run of covered years that holds today; null when none is covered',
  }),
  firstUncoveredDay: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description:
      'the first day of the next 60 that no arrangement covers (deadlines count plain weekdays from it); null when all are covered',
  }),
  years: Type.Array(Type.Object({ year: Type.Integer(), source: CalendarSource }), {
    description: 'last year, this year and the next two, with where each one’s days come from',
  }),
});
export type CalendarCoverage = Static<typeof CalendarCoverage>;

export const CalendarDayReply = Type.Object({
  date: Type.String({ format: 'date' }),
  working: Type.Boolean(),
  source: CalendarSource,
});
export type CalendarDayReply = Static<typeof CalendarDayReply>;

export const CalendarDays = Type.Array(CalendarDayReply);
export type CalendarDays = Static<typeof CalendarDays>;

export const CalendarRangeQuery = Type.Object({
  from: CalendarDate,
  to: CalendarDate,
});
export type CalendarRangeQuery = Static<typeof CalendarRangeQuery>;

export const CalendarYearParams = Type.Object({
  year: Type.Integer({ minimum: 1000, maximum: 9999, description: 'the year, e.g. 2027' }),
});
export type CalendarYearParams = Static<typeof CalendarYearParams>;

export const CalendarArrangementBody = Type.Object(
  {
    holidays: Type.Array(CalendarDate, {
      maxItems: 366,
      description: 'every statutory holiday date of the year, weekend days inside a holiday included',
    }),
    workdays: Type.Array(CalendarDate, {
      maxItems: 366,
      description: 'the 调休 make-up working days (Saturdays and Sundays worked)',
    }),
  },
  { additionalProperties: false },
);
export type CalendarArrangementBody = Static<typeof CalendarArrangementBody>;

export const CalendarYearReply = Type.Object({
  year: Type.Integer(),
  holidays: Type.Array(Type.String({ format: 'date' })),
  workdays: Type.Array(Type.String({ format: 'date' })),
  loadedAt: Type.String({ format: 'date-time' }),
  loadedBy: Type.Union([Type.String(), Type.Null()]),
});
export type CalendarYearReply = Static<typeof CalendarYearReply>;

export const CalendarYearList = Type.Array(CalendarYearReply);
export type CalendarYearList = Static<typeof CalendarYearList>;

export const CalendarChangeReply = Type.Object({
  year: Type.Integer(),
  source: CalendarSource,
  movedCases: Type.Array(Type.String(), { description: 'serials of the open cases whose deadline moved' }),
});
export type CalendarChangeReply = Static<typeof CalendarChangeReply>;
