import type { VillageAlert } from '@contract/alerts.js';

/** One village's alerts of the window, as a list shows them: the latest, and on how many days. */
interface VillageAlertSummary {
  latest: VillageAlert;
  days: number;
}

/**
 * One line per village, from alerts sorted latest day first (the API's order): a CUSUM stays above
 * its threshold for days once a village rises, and the same village seven times says less than
 * once with "on 7 days". Villages keep the order of their latest alert.
 */
export function latestVillageAlerts(alerts: readonly VillageAlert[]): VillageAlertSummary[] {
  const byVillage = new Map<string, VillageAlertSummary>();
  for (const alert of alerts) {
    const seen = byVillage.get(alert.village);
    if (!seen) byVillage.set(alert.village, { latest: alert, days: 1 });
    else {
      seen.days += 1;
      if (alert.day > seen.latest.day) seen.latest = alert;
    }
  }
  return [...byVillage.values()];
}
