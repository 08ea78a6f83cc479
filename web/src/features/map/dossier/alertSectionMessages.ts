import { useLocale } from '../../../lib/i18n/locale.svelte.js';
import { defineMessages } from '../../../lib/i18n/defineMessages.js';

/** The dossier's early-warning section's words (zh-CN default), beside it. */
const zhCN = {
  'alerts.title': '预警',
  'alerts.count': '{count} 个村',
  'alerts.about': '各村每日事件数与自身过去一年的基线比较（泊松累积和），突增时预警，每晚重算。',
  'alerts.none': '近 7 天无预警',
  'alerts.loading': '正在加载预警…',
  'alerts.failed': '预警加载失败，稍后自动重试',
  'alerts.today': '今日',
  'alerts.days': '近 7 天中 {days} 天',
  'alerts.show': '在地图上查看 {name}',
};

const en: Record<keyof typeof zhCN, string> = {
  'alerts.title': 'Early warning',
  'alerts.count': '{count} villages',
  'alerts.about':
    'Each village’s daily cases against its own baseline of the past year (Poisson CUSUM): a sudden rise raises an alert; recomputed nightly.',
  'alerts.none': 'No early warnings in the last 7 days',
  'alerts.loading': 'Loading early warnings…',
  'alerts.failed': 'Early warnings failed to load; retrying later',
  'alerts.today': 'today',
  'alerts.days': 'on {days} of the last 7 days',
  'alerts.show': 'Show {name} on the map',
};

const messages = defineMessages(zhCN, en);

type AlertSectionMessageKey = keyof typeof zhCN;

export function useAlertSectionText() {
  const locale = useLocale();
  return {
    locale,
    t: (key: AlertSectionMessageKey, params?: Record<string, string | number>) =>
      messages.text(locale.code, key, params),
  };
}
