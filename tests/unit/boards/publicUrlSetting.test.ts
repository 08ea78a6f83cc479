import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../server/src/config.js';

describe('GRIDMAP_PUBLIC_URL', () => {
  it('is absent by default: the boards lead to the origin each request reached', () => {
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ GRIDMAP_PUBLIC_URL: ' ' }).publicUrl).toBeUndefined();
  });

  it('keeps an http(s) origin and base path, without the trailing slash', () => {
    expect(readConfig({ GRIDMAP_PUBLIC_URL: 'https://gridmap.example.cn/' }).publicUrl).toBe(
      'https://gridmap.example.cn',
    );
    expect(readConfig({ GRIDMAP_PUBLIC_URL: 'http://10.0.0.5:8080/gaotai/' }).publicUrl).toBe(
      'http://10.0.0.5:8080/gaotai',
    );
  });

  it('refuses what is no http(s) address, or carries a query, fragment or credentials', () => {
    for (const value of [
      'gridmap.example.cn',
      'ftp://example.cn',
      'https://example.cn/?a=1',
      'https://example.cn/#p',
      'https://u:p@example.cn',
    ]) {
      expect(() => readConfig({ GRIDMAP_PUBLIC_URL: value }), value).toThrow(ConfigError);
    }
  });
});
