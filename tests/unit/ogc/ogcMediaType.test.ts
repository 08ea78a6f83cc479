import { describe, expect, it } from 'vitest';
import { ogcFormatOf } from '../../../server/src/domain/ogc/ogcMediaType.js';

describe('ogcFormatOf', () => {
  it('follows f whatever Accept says', () => {
    expect(ogcFormatOf('html', 'application/json')).toBe('html');
    expect(ogcFormatOf('json', 'text/html')).toBe('json');
  });

  it.each([
    ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'],
    ['GDAL', 'application/geo+json, application/json', 'json'],
    ['curl', '*/*', 'json'],
    ['no header', undefined, 'json'],
    ['JSON preferred to HTML', 'text/html;q=0.5, application/json', 'json'],
    ['the OpenAPI media type', 'application/vnd.oai.openapi+json;version=3.0', 'json'],
  ])('answers %s with %s', (_who, accept, format) => {
    expect(ogcFormatOf(undefined, accept)).toBe(format);
  });
});
