import { defineMessages } from '../../lib/i18n/defineMessages.js';

/** The audit browser's words (zh-CN default). */
const zhCN = {
  title: '审计日志',
  from: '开始日期',
  to: '结束日期',
  actor: '操作人',
  action: '操作',
  entity: '对象类型',
  apply: '查询',
  reset: '清除条件',
  exportCsv: '导出 CSV',
  at: '时间',
  target: '对象',
  details: '详情',
  showChange: '展开变更',
  hideChange: '收起变更',
  before: '变更前',
  after: '变更后',
  field: '字段',
  system: '系统',
  empty: '没有符合条件的记录',
  loading: '正在加载…',
  failed: '审计日志加载失败：{reason}',
  newer: '较新',
  older: '较早',
  page: '第 {page} 页',
  noChange: '无内容',
  anyAction: 'case、session.login…',
  anyEntity: 'case、plan…',
  anyActor: '用户名',
} as const;

export type AuditMessageKey = keyof typeof zhCN;

const en: Record<AuditMessageKey, string> = {
  title: 'Audit log',
  from: 'From',
  to: 'To',
  actor: 'Actor',
  action: 'Action',
  entity: 'Entity',
  apply: 'Search',
  reset: 'Clear',
  exportCsv: 'Export CSV',
  at: 'Time',
  target: 'Object',
  details: 'Details',
  showChange: 'Show change',
  hideChange: 'Hide change',
  before: 'Before',
  after: 'After',
  field: 'Field',
  system: 'System',
  empty: 'No entries match',
  loading: 'Loading…',
  failed: 'The audit log did not load: {reason}',
  newer: 'Newer',
  older: 'Older',
  page: 'Page {page}',
  noChange: 'Nothing recorded',
  anyAction: 'case, session.login…',
  anyEntity: 'case, plan…',
  anyActor: 'username',
};

const messages = defineMessages(zhCN, en);

export const auditText = messages.text;
