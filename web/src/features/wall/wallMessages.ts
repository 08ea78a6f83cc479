import { defineMessages } from '../../lib/i18n/defineMessages.js';

/** The wall's own words (zh-CN default); kept beside the wall so its strings travel with it. */
const zhCN = {
  title: '综治指挥中心',
  openNow: '在办事件',
  overdueNow: '超期事件',
  resolvedToday: '今日化解',
  villageRate: '小事不出村',
  townRate: '大事不出镇',
  cameraRate: '监控在线率',
  patrolRate: '今日视频巡查',
  live: '实时',
  connecting: '连接中',
  reconnecting: '重新连接中',
  ticker: '最新动态',
  noEvents: '暂无动态',
  monthToDate: '本月',
  loadFailed: '数据加载失败，正在重试',
  'action.register': '新登记',
  'action.accept': '受理',
  'action.mediate': '调解中',
  'action.escalate': '上报',
  'action.hand_down': '交办',
  'action.send_back': '回退',
  'action.resolve': '化解',
  'action.close': '结案',
  'action.reopen': '返工',
  'action.transfer': '转办',
  'action.void': '作废',
  'action.skip': '越级上报',
  'action.extend': '延期',
  'action.deadline_shift': '期限按节假日调整',
  'kind.camera': '监控状态变化',
  'kind.patrol': '视频巡查',
  'kind.grid': '网格调整',
  'kind.calendar': '节假日安排已更新',
} as const;

export type WallMessageKey = keyof typeof zhCN;

const en: Record<WallMessageKey, string> = {
  title: 'Command centre',
  openNow: 'Open cases',
  overdueNow: 'Overdue',
  resolvedToday: 'Resolved today',
  villageRate: 'Kept in village',
  townRate: 'Kept in town',
  cameraRate: 'Cameras online',
  patrolRate: 'Video patrols today',
  live: 'Live',
  connecting: 'Connecting',
  reconnecting: 'Reconnecting',
  ticker: 'Latest',
  noEvents: 'Nothing yet',
  monthToDate: 'month to date',
  loadFailed: 'Data failed to load; retrying',
  'action.register': 'reported',
  'action.accept': 'accepted',
  'action.mediate': 'mediating',
  'action.escalate': 'escalated',
  'action.hand_down': 'handed down',
  'action.send_back': 'sent back',
  'action.resolve': 'resolved',
  'action.close': 'closed',
  'action.reopen': 'reopened',
  'action.transfer': 'transferred',
  'action.void': 'voided',
  'action.skip': 'escalated (skip)',
  'action.extend': 'extended',
  'action.deadline_shift': 'deadline moved for holidays',
  'kind.camera': 'camera status',
  'kind.patrol': 'video patrol',
  'kind.grid': 'grid change',
  'kind.calendar': 'holiday calendar updated',
};

const messages = defineMessages(zhCN, en);

export const wallText = messages.text;

export const isWallMessageKey = messages.has;
