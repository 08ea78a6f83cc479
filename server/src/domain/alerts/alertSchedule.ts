/**
 * What a check at `now` does: from the night's China hour on, the day's claimed nightly run (done
 * once across instances); before it, nothing — except the check when the app starts, which
 * recomputes unclaimed so a new database has alerts at once and the night's run still follows. Pure.
 */
export function alertCheckAction(now: Date, fromHour: number, first: boolean): 'nightly' | 'recompute' | 'wait' {
  const chinaHour = (now.getUTCHours() + 8) % 24;
  if (chinaHour >= fromHour) return 'nightly';
  return first ? 'recompute' : 'wait';
}
