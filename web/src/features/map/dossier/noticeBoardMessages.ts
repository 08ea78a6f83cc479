import { useLocale } from '../../../lib/i18n/locale.svelte.js';
import { defineMessages } from '../../../lib/i18n/defineMessages.js';

/** The notice-board button's words (zh-CN default), beside it. */
const zhCN = {
  'board.print': '打印公示牌',
  'board.title': '下载本网格的一格一图公示牌（A3 PDF）',
  'board.progress': '正在生成 {done}/{total} 页…',
  'board.starting': '正在准备…',
  'board.failed': '公示牌生成失败：{reason}',
};

const en: Record<keyof typeof zhCN, string> = {
  'board.print': 'Print notice board',
  'board.title': 'Download this grid’s notice board (A3 PDF)',
  'board.progress': 'Drawing page {done} of {total}…',
  'board.starting': 'Preparing…',
  'board.failed': 'The notice board failed: {reason}',
};

const messages = defineMessages(zhCN, en);

export type NoticeBoardMessageKey = keyof typeof zhCN;

export function useNoticeBoardText() {
  const locale = useLocale();
  return {
    t: (key: NoticeBoardMessageKey, params?: Record<string, string | number>) =>
      messages.text(locale.code, key, params),
  };
}
