import { describe, expect, it } from 'vitest';
import { bearerToken, isTokenShaped, mayHoldTokens, tokenUseAudit } from '../../server/src/domain/apiToken.js';

const token = 'gmt_' + 'aZ09_-'.repeat(7) + 'x';

describe('bearerToken', () => {
  it('reads the token of a Bearer header, the scheme in any case', () => {
    expect(isTokenShaped(token)).toBe(true);
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
  });

  it.each([
    ['no scheme', token],
    ['another scheme', `Basic ${token}`],
    ['no token', 'Bearer '],
    ['a token one character short', `Bearer ${token.slice(0, -1)}`],
    ['a token without the prefix', `Bearer ${'a'.repeat(47)}`],
    ['two tokens', `Bearer ${token} ${token}`],
    ['a character outside base64url', `Bearer ${token.slice(0, -1)}=`],
  ])('refuses %s', (_name, header) => {
    expect(bearerToken(header)).toBeNull();
  });
});

describe('token rules', () => {
  it('gives every role but the wall tokens', () => {
    expect(mayHoldTokens('planner')).toBe(true);
    expect(mayHoldTokens('grid_staff')).toBe(true);
    expect(mayHoldTokens('wall')).toBe(false);
  });

  it('audits map reads hourly and everything else each time', () => {
    expect(tokenUseAudit('GET', '/tiles/:layer/:z/:x/:y.mvt')).toBe('hour');
    expect(tokenUseAudit('GET', '/style.json')).toBe('hour');
    expect(tokenUseAudit('GET', '/api/households')).toBe('each');
    expect(tokenUseAudit('DELETE', '/tiles/:layer/:z/:x/:y.mvt')).toBe('each');
    expect(tokenUseAudit('POST', '/api/cases')).toBe('each');
  });
});
