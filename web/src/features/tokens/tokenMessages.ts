import { defineMessages } from '../../lib/i18n/defineMessages.js';

/** The API token page's words (zh-CN default). */
const zhCN = {
  title: 'API 令牌',
  intro: '供 QGIS、GDAL 或脚本访问本系统：请求头 Authorization: Bearer <令牌>。令牌代表您的账号、角色和范围。',
  name: '用途',
  namePlaceholder: '例如：QGIS 规划科工作站',
  expiresInDays: '有效天数',
  create: '生成令牌',
  creating: '正在生成…',
  createdOnce: '请立即复制，此令牌只显示这一次：',
  copy: '复制',
  copied: '已复制',
  dismiss: '我已保存',
  createdAt: '创建时间',
  expiresAt: '到期时间',
  lastUsedAt: '最近使用',
  state: '状态',
  active: '有效',
  revoked: '已吊销',
  expired: '已过期',
  never: '从未',
  revoke: '吊销',
  confirmRevoke: '吊销令牌“{name}”？使用它的程序将立即无法访问。',
  empty: '还没有令牌',
  loading: '正在加载…',
  failed: '操作失败：{reason}',
} as const;

export type TokenMessageKey = keyof typeof zhCN;

const en: Record<TokenMessageKey, string> = {
  title: 'API tokens',
  intro:
    'For QGIS, GDAL or scripts: send the header Authorization: Bearer <token>. A token acts as your account, with its role and scope.',
  name: 'Purpose',
  namePlaceholder: 'e.g. QGIS, planning office workstation',
  expiresInDays: 'Valid for (days)',
  create: 'Create token',
  creating: 'Creating…',
  createdOnce: 'Copy it now — this token is shown only once:',
  copy: 'Copy',
  copied: 'Copied',
  dismiss: 'I have saved it',
  createdAt: 'Created',
  expiresAt: 'Expires',
  lastUsedAt: 'Last used',
  state: 'State',
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
  never: 'Never',
  revoke: 'Revoke',
  confirmRevoke: 'Revoke the token “{name}”? Programs using it lose access at once.',
  empty: 'No tokens yet',
  loading: 'Loading…',
  failed: 'Failed: {reason}',
};

const messages = defineMessages(zhCN, en);
export const tokenText = messages.text;
