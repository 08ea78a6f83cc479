import { describe, expect, it } from 'vitest';
import { roleName } from '../../../../web/src/lib/session/sessionMessages.js';

describe('roleName', () => {
  it('names an administrator scoped to a prefecture 市级, one scoped to a county 县级 (#12)', () => {
    expect(roleName('zh-CN', 'county_admin', 'prefecture')).toBe('市级管理员');
    expect(roleName('en', 'county_admin', 'prefecture')).toBe('Prefecture administrator');
    expect(roleName('zh-CN', 'county_admin', 'county')).toBe('县级管理员');
    expect(roleName('zh-CN', 'county_admin')).toBe('县级管理员');
  });

  it('names every other role the same at any height', () => {
    expect(roleName('zh-CN', 'planner', 'prefecture')).toBe('规划员');
    expect(roleName('en', 'wall', 'prefecture')).toBe('Wall display');
  });
});
