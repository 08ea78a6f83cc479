import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../server/src/config.js';

describe('GRIDMAP_DEMO', () => {
  it('defaults to the one-county demo; prefecture chooses 张掖市', () => {
    expect(readConfig({}).demo).toBe('county');
    expect(readConfig({ GRIDMAP_DEMO: ' ' }).demo).toBe('county');
    expect(readConfig({ GRIDMAP_DEMO: 'prefecture' }).demo).toBe('prefecture');
  });

  it('refuses an unknown demo with one line naming the choices', () => {
    expect(() => readConfig({ GRIDMAP_DEMO: 'province' })).toThrow(ConfigError);
    expect(() => readConfig({ GRIDMAP_DEMO: 'province' })).toThrow(
      'GRIDMAP_DEMO must be one of county, prefecture, got "province"',
    );
  });
});
