import type { LocaleCode } from '../../lib/i18n/translate.js';

/**
 * A readable name for an audit action code (the code stays beside it: it is what the filter and
 * the CSV use). Exact names for the common ones, the family for the rest, nothing for the unknown.
 */
const exact: Record<string, { zh: string; en: string }> = {
  'session.login': { zh: '登录', en: 'sign-in' },
  'session.logout': { zh: '退出登录', en: 'sign-out' },
  'session.login_failed': { zh: '登录失败', en: 'failed sign-in' },
  'session.lockout': { zh: '账号锁定', en: 'account locked' },
  'personal_data.unmask': { zh: '查看个人信息', en: 'personal data shown' },
  'case.register': { zh: '事件登记', en: 'case reported' },
  'camera.status': { zh: '监控状态', en: 'camera status' },
  'patrol.record': { zh: '视频巡查', en: 'video patrol' },
  'plan.publish': { zh: '发布网格规划', en: 'plan published' },
  'calendar.load': { zh: '载入节假日安排', en: 'holiday calendar loaded' },
  'calendar.withdraw': { zh: '撤回节假日安排', en: 'holiday calendar withdrawn' },
};

const families: Record<string, { zh: string; en: string }> = {
  session: { zh: '会话', en: 'session' },
  case: { zh: '事件办理', en: 'case' },
  plan: { zh: '网格规划', en: 'plan' },
  account: { zh: '账号', en: 'account' },
  camera: { zh: '监控', en: 'camera' },
  patrol: { zh: '巡查', en: 'patrol' },
  personal_data: { zh: '个人信息', en: 'personal data' },
  calendar: { zh: '工作日历', en: 'calendar' },
};

export function auditActionName(action: string, locale: LocaleCode): string {
  const name = exact[action] ?? families[action.split('.')[0] ?? ''];
  if (!name) return '';
  return locale === 'en' ? name.en : name.zh;
}
