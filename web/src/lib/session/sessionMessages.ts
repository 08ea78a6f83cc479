import type { AccessRole } from '@domain/accessRole.js';
import { defineMessages } from '../i18n/defineMessages.js';
import type { LocaleCode } from '../i18n/localeCodes.js';

/** Sign-in, the signed-in bar, "no access" and the wall's "sign in again" (zh-CN default). */
const zhCN = {
  'login.title': '登录',
  'login.intro': '请使用分配给您的账号登录。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.signingIn': '正在登录…',
  'login.missing': '请输入用户名和密码',
  'login.wrong': '用户名或密码错误',
  'login.locked': '登录失败次数过多，账号已暂时锁定，请于 {until} 后再试',
  'login.lockedNoTime': '登录失败次数过多，账号已暂时锁定，请稍后再试',
  'login.tooMany': '登录尝试过于频繁，请于 {until} 后再试',
  'login.tooManyNoTime': '登录尝试过于频繁，请稍后再试',
  'login.unreachable': '无法连接服务器，请检查网络后重试',
  'login.failed': '登录失败：{reason}',
  'session.signedInAs': '当前用户',
  'session.signOut': '退出登录',
  'session.audit': '审计日志',
  'session.tokens': 'API 令牌',
  'session.feedback': '投诉建议处理',
  'session.map': '一张图',
  'session.plans': '网格调整',
  'session.report': '事件上报',
  'session.loading': '正在加载…',
  'session.unreachable': '无法连接服务器，正在重试',
  'calendar.notice':
    '工作日历只覆盖到 {until}：自 {from} 起，办理期限将只按周一至周五计算，节假日不会顺延。请载入 {year} 年的节假日安排（国务院办公厅通知）：npm run calendar -- import 文件，或 PUT /api/calendar/years/{year}。',
  'noAccess.title': '无权限',
  'noAccess.body': '您的角色（{role}）无权打开此页面。',
  'noAccess.home': '返回首页',
  'reauth.title': '需要重新登录',
  'reauth.body': '此大屏的登录已失效，请管理员重新登录。',
  'reauth.action': '重新登录',
  'role.county_admin': '县级管理员',
  'role.county_admin.prefecture': '市级管理员',
  'role.town_leader': '镇领导',
  'role.village_cadre': '村干部',
  'role.grid_staff': '网格员',
  'role.planner': '规划员',
  'role.auditor': '审计员',
  'role.wall': '大屏',
} as const;

export type SessionMessageKey = keyof typeof zhCN;

const en: Record<SessionMessageKey, string> = {
  'login.title': 'Sign in',
  'login.intro': 'Sign in with the account you were given.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.signingIn': 'Signing in…',
  'login.missing': 'Enter your username and password',
  'login.wrong': 'Wrong username or password',
  'login.locked': 'Too many failed attempts: the account is locked until {until}',
  'login.lockedNoTime': 'Too many failed attempts: the account is locked for now, try again later',
  'login.tooMany': 'Too many sign-in attempts from here; try again after {until}',
  'login.tooManyNoTime': 'Too many sign-in attempts from here; try again later',
  'login.unreachable': 'Cannot reach the server; check the network and try again',
  'login.failed': 'Sign-in failed: {reason}',
  'session.signedInAs': 'Signed in',
  'session.signOut': 'Sign out',
  'session.audit': 'Audit log',
  'session.tokens': 'API tokens',
  'session.feedback': 'Feedback inbox',
  'session.map': 'Map',
  'session.plans': 'Grid plans',
  'session.report': 'Report',
  'session.loading': 'Loading…',
  'session.unreachable': 'Cannot reach the server; retrying',
  'calendar.notice':
    'The working-day calendar ends {until}: from {from} deadlines count Monday–Friday only, holidays are not skipped. Load the {year} holiday arrangement (the State Council notice): npm run calendar -- import <file>, or PUT /api/calendar/years/{year}.',
  'noAccess.title': 'No access',
  'noAccess.body': 'Your role ({role}) may not open this page.',
  'noAccess.home': 'Back to the start page',
  'reauth.title': 'Sign in again',
  'reauth.body': 'This wall display is no longer signed in. An administrator needs to sign it in again.',
  'reauth.action': 'Sign in again',
  'role.county_admin': 'County administrator',
  'role.county_admin.prefecture': 'Prefecture administrator',
  'role.town_leader': 'Town leader',
  'role.village_cadre': 'Village cadre',
  'role.grid_staff': 'Grid staff',
  'role.planner': 'Planner',
  'role.auditor': 'Auditor',
  'role.wall': 'Wall display',
};

const messages = defineMessages(zhCN, en);

export const sessionText = messages.text;

/**
 * A role as the user reads it. The administrator role is one (`county_admin`) at either height; an
 * account scoped to a prefecture (`scopeLevel`) is named 市级 rather than 县级.
 */
export function roleName(locale: LocaleCode, role: AccessRole, scopeLevel?: string): string {
  if (role === 'county_admin' && scopeLevel === 'prefecture')
    return sessionText(locale, 'role.county_admin.prefecture');
  return sessionText(locale, `role.${role}`);
}
