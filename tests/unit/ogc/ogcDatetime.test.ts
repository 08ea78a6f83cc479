import { describe, expect, it } from 'vitest';
import { readDatetime } from '../../../server/src/domain/ogc/ogcDatetime.js';

describe('readDatetime', () => {
  it('reads an instant as a one-point interval', () => {
    const instant = new Date('2026-11-01T08:00:00Z');
    expect(readDatetime('2026-11-01T16:00:00+08:00')).toEqual({ interval: { start: instant, end: instant } });
  });

  it('reads a date as its whole UTC day', () => {
    expect(readDatetime('2026-11-01')).toEqual({
      interval: { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-01T23:59:59.999Z') },
    });
  });

  it('reads intervals with either end open by .. or nothing', () => {
    const t = new Date('2026-11-01T00:00:00Z');
    expect(readDatetime('2026-11-01T00:00:00Z/..')).toEqual({ interval: { start: t, end: null } });
    expect(readDatetime('../2026-11-01T00:00:00Z')).toEqual({ interval: { start: null, end: t } });
    expect(readDatetime('/2026-11-01T00:00:00Z')).toEqual({ interval: { start: null, end: t } });
    expect(readDatetime('2026-10-01T00:00:00Z/2026-11-01T00:00:00Z')).toEqual({
      interval: { start: new Date('2026-10-01T00:00:00Z'), end: t },
    });
  });

  it.each([
    ['no time zone', '2026-11-01T00:00:00'],
    ['no such day', '2026-02-30'],
    ['no such hour', '2026-11-01T25:00:00Z'],
    ['words', 'yesterday'],
    ['three ends', '2026-11-01/2026-11-02/2026-11-03'],
    ['an end before the start', '2026-11-02T00:00:00Z/2026-11-01T00:00:00Z'],
    ['one bad end', '2026-11-01T00:00:00Z/soon'],
  ])('refuses %s', (_name, text) => {
    expect(readDatetime(text)).toHaveProperty('problem');
  });
});
