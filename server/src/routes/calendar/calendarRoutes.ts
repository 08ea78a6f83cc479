import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, viewerOf } from '../../auth/requestViewer.js';
import { CALENDAR_ROLES } from '../../domain/accessRole.js';
import { checkArrangement, isCalendarDate } from '../../domain/calendarArrangement.js';
import { addCalendarDays } from '../../domain/workingDays.js';
import { BadRequestError, NotFoundError } from '../../http/errorReplies.js';
import { listCalendarYears } from '../../repos/calendar/calendarRepo.js';
import { changeCalendarYear } from '../../repos/calendar/calendarChange.js';
import { calendarCoverage } from '../../domain/calendarCoverage.js';
import { ErrorReply } from '../../contract/errorReply.js';
import {
  CalendarArrangementBody,
  CalendarChangeReply,
  CalendarCoverage,
  CalendarDays,
  CalendarRangeQuery,
  CalendarYearParams,
  CalendarYearList,
} from '../../contract/calendar.js';

/** One GET /api/calendar answers at most this many days (two years and a day). */
const MAX_RANGE_DAYS = 732;

const signedIn = { 401: ErrorReply('not signed in') };
const adminOnly = {
  ...signedIn,
  403: ErrorReply('only the county administrator loads or withdraws calendar years'),
};

/**
 * The working-day calendar deadlines are counted on (issue #17): where it is known, each day with
 * its source, and the loaded years administrators keep current when the State Council publishes the
 * next year's arrangement (usually in November).
 */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/calendar/coverage',
    {
      schema: {
        tags: ['calendar'],
        summary: 'How far ahead the working-day calendar is known',
        response: { 200: CalendarCoverage, ...signedIn },
      },
    },
    async (request) => {
      viewerOf(request);
      return calendarCoverage(app.calendar, new Date());
    },
  );

  app.get(
    '/api/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Working days from `from` to `to` (both included)',
        description: `At most ${MAX_RANGE_DAYS} days. Each day says whether it is a working day and where that comes from.`,
        querystring: CalendarRangeQuery,
        response: {
          200: CalendarDays,
          400: ErrorReply('a date is malformed or the range is too long'),
          ...signedIn,
        },
      },
    },
    async (request) => {
      viewerOf(request);
      const { from, to } = request.query;
      for (const [name, value] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (!isCalendarDate(value))
          throw new BadRequestError(`querystring parameter "${name}" must be a date YYYY-MM-DD, got "${value}"`);
      }
      if (to < from) throw new BadRequestError('querystring parameter "to" is before "from"');
      if (addCalendarDays(from, MAX_RANGE_DAYS - 1) < to) {
        throw new BadRequestError(`the range from "${from}" to "${to}" is longer than ${MAX_RANGE_DAYS} days`);
      }
      const days = [];
      for (let date = from; date <= to; date = addCalendarDays(date, 1)) days.push(app.calendar.day(date));
      return days;
    },
  );

  app.get(
    '/api/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The years administrators loaded, oldest first',
        response: { 200: CalendarYearList, ...signedIn },
      },
    },
    async (request) => {
      viewerOf(request);
      return listCalendarYears(app.db.sql);
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Load a year’s holiday arrangement (国务院办公厅关于节假日安排的通知)',
        description:
          'Replaces the bundled data for that year on every instance. Open cases whose stage runs into the year keep their number of working days, counted again on the new calendar; the reply lists the cases that moved. Audited.',
        params: CalendarYearParams,
        body: CalendarArrangementBody,
        response: {
          200: CalendarChangeReply,
          400: ErrorReply('a date is malformed, outside the year, or both holiday and workday; nothing is stored'),
          ...adminOnly,
        },
      },
    },
    async (request) => {
      const viewer = requireRole(request, CALENDAR_ROLES);
      const { year } = request.params;
      const checked = checkArrangement(year, request.body);
      if (!checked.ok) throw new BadRequestError(checked.problem);
      const change = await changeCalendarYear(app.db, year, checked.arrangement, viewer);
      app.calendar.replaceLoadedYears(change.calendar.loadedYears());
      return { year, source: change.calendar.sourceOf(year), movedCases: change.movedCases };
    },
  );

  app.delete(
    '/api/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Withdraw a loaded year (the bundled data, or Monday–Friday, applies again)',
        params: CalendarYearParams,
        response: { 200: CalendarChangeReply, 404: ErrorReply('the year was not loaded'), ...adminOnly },
      },
    },
    async (request) => {
      const viewer = requireRole(request, CALENDAR_ROLES);
      const { year } = request.params;
      const change = await changeCalendarYear(app.db, year, null, viewer);
      if (!change.changed) throw new NotFoundError(`the calendar year ${year} was not loaded`);
      app.calendar.replaceLoadedYears(change.calendar.loadedYears());
      return { year, source: change.calendar.sourceOf(year), movedCases: change.movedCases };
    },
  );
};
