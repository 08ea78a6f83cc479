import { defineMessages } from '../../lib/i18n/defineMessages.js';

/** The texts of a case's printable slip (一案一码回执, zh-CN default). */
const zhCN = {
  title: '事件回执',
  serial: '编号',
  reportedAt: '上报时间',
  checkCode: '查询码',
  'checkCode.note': '扫码后输入查询码，可查看办理进度',
  qr: '事件 {serial} 的二维码',
  print: '打印回执',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  title: 'Case slip',
  serial: 'Case number',
  reportedAt: 'Reported',
  checkCode: 'Check code',
  'checkCode.note': 'Scan the code and enter the check code to follow the case',
  qr: 'QR code of case {serial}',
  print: 'Print slip',
};

export const caseSlipText = defineMessages(zhCN, en).text;
