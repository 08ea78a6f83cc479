import fp from 'fastify-plugin';
import { OfficialCalendar } from '../../domain/holidayCalendar.js';
import { arrangementsByYear, listCalendarYears } from '../../repos/calendar/calendarRepo.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The working-day calendar of this app's database: every deadline the app computes uses it. */
    calendar: OfficialCalendar;
  }
}

/**
 * Keeps `app.calendar` equal to the years loaded in the database: read at start, read again when a
 * `calendar` event arrives — from this instance or any other on the same database — so a year an
 * administrator loads applies on every instance as soon as the event is delivered.
 */
export const calendarSync = fp(
  async (app) => {
    const calendar = new OfficialCalendar();
    const reload = async () => calendar.replaceLoadedYears(arrangementsByYear(await listCalendarYears(app.db.sql)));
    await reload();
    app.decorate('calendar', calendar);
    let reloading: Promise<void> = Promise.resolve();
    const stop = app.live.listen((row) => {
      if (row.kind !== 'calendar') return;
      reloading = reloading
        .then(reload)
        .catch((error: unknown) => app.log.error({ err: error }, 'calendar: reloading the loaded years failed'));
    });
    app.addHook('onClose', async () => {
      stop();
      await reloading;
    });
  },
  { name: 'gridmap-calendar', dependencies: ['gridmap-live'] },
);
