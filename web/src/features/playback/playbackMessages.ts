import { useLocale } from '../../lib/i18n/locale.svelte.js';
import { defineMessages } from '../../lib/i18n/defineMessages.js';

/** The time bar's words (zh-CN default), kept beside the feature. */
const zhCN = {
  'bar.label': '时间回放',
  'bar.open': '时间回放',
  'bar.close': '返回实时地图',
  'bar.play': '播放',
  'bar.pause': '暂停',
  'bar.back': '后退一步',
  'bar.forward': '前进一步',
  'bar.speed': '速度',
  'bar.time': '回放时刻',
  'bar.histogram': '每段时间新报案件数（按当前筛选）',
  'bar.loading': '正在加载历史…',
  'bar.failed': '历史加载失败：{reason}',
  'bar.drawn': '此刻在办 {count} 件',
  'bar.loop': '循环最近 {days} 天',
  'speed.1m': '1分钟/秒',
  'speed.1h': '1小时/秒',
  'speed.1d': '1天/秒',
  'speed.1w': '1周/秒',
  'speed.1mo': '1月/秒',
  'legend.group': '组级办理',
  'legend.village': '村级办理',
  'legend.town': '镇级办理',
  'legend.warning': '临期',
  'legend.overdue': '已超期',
  'legend.outage': '探头离线',
  'legend.patrol': '视频巡查',
};
export type PlaybackMessageKey = keyof typeof zhCN;

const en: Record<PlaybackMessageKey, string> = {
  'bar.label': 'Time playback',
  'bar.open': 'Time playback',
  'bar.close': 'Back to the live map',
  'bar.play': 'Play',
  'bar.pause': 'Pause',
  'bar.back': 'Step back',
  'bar.forward': 'Step forward',
  'bar.speed': 'Speed',
  'bar.time': 'Playback time',
  'bar.histogram': 'Cases reported per period (current filters)',
  'bar.loading': 'Loading the history…',
  'bar.failed': 'The history could not load: {reason}',
  'bar.drawn': '{count} cases open at this moment',
  'bar.loop': 'Looping the last {days} days',
  'speed.1m': '1 minute/s',
  'speed.1h': '1 hour/s',
  'speed.1d': '1 day/s',
  'speed.1w': '1 week/s',
  'speed.1mo': '1 month/s',
  'legend.group': 'Group level',
  'legend.village': 'Village level',
  'legend.town': 'Town level',
  'legend.warning': 'Due soon',
  'legend.overdue': 'Overdue',
  'legend.outage': 'Camera offline',
  'legend.patrol': 'Video patrol',
};

const messages = defineMessages(zhCN, en);

export function usePlaybackText() {
  const locale = useLocale();
  return (key: PlaybackMessageKey, params?: Record<string, string | number>) => messages.text(locale.code, key, params);
}
