import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../web/src/lib/i18n/zhCN.js';
import { en } from '../../../web/src/lib/i18n/en.js';
import {
  defaultLocale,
  fillPlaceholders,
  isLocaleCode,
  isMessageKey,
  translate,
} from '../../../web/src/lib/i18n/translate.js';
import { CASE_STATUSES } from '@domain/caseLifecycle.js';
import { CASE_LEVELS } from '@domain/caseLevel.js';

describe('translate', () => {
  it('defaults to zh-CN', () => {
    expect(defaultLocale).toBe('zh-CN');
    expect(translate('zh-CN', 'app.title')).toBe('网格一图统揽');
    expect(translate('zh-CN', 'app.titleOf', { place: '张掖市' })).toBe('张掖市 网格一图统揽');
  });

  it('has every zh-CN message in English, none left empty or untranslated', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(text.trim(), key).not.toBe('');
      expect(/[\u4e00-\u9fff]/.test(text), `${key} is still Chinese: ${text}`).toBe(false);
    }
  });

  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'map.gridNotFound', { code: '620724105201' })).toBe('No grid 620724105201');
    expect(translate('zh-CN', 'notFound.body', {})).toBe('没有 {path} 这个页面。');
  });

  it('names every case status and level the server can send', () => {
    for (const status of CASE_STATUSES) expect(isMessageKey(`case.status.${status}`), status).toBe(true);
    for (const level of CASE_LEVELS) expect(isMessageKey(`case.level.${level}`), level).toBe(true);
  });

  it('accepts only the languages it has', () => {
    expect(isLocaleCode('en')).toBe(true);
    expect(isLocaleCode('fr')).toBe(false);
    expect(isLocaleCode(null)).toBe(false);
  });
});

describe('fillPlaceholders', () => {
  it('fills every named placeholder, numbers too, and leaves one it has no value for', () => {
    expect(fillPlaceholders('第 {version} 版 · {at} · {by}', { version: 3, at: '12:00', by: 'planner' })).toBe(
      '第 3 版 · 12:00 · planner',
    );
    expect(fillPlaceholders('{count} 个网格 {count}', { count: 0 })).toBe('0 个网格 0');
    expect(fillPlaceholders('请于 {until} 后再试', {})).toBe('请于 {until} 后再试');
  });
});
