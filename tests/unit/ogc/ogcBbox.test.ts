import { describe, expect, it } from 'vitest';
import { readBbox } from '../../../server/src/domain/ogc/ogcBbox.js';
import { CRS84, EPSG_3857, EPSG_4490, ogcCrsOf } from '../../../server/src/domain/ogc/ogcCrs.js';

const crs84 = ogcCrsOf(CRS84)!;
const cgcs2000 = ogcCrsOf(EPSG_4490)!;
const mercator = ogcCrsOf(EPSG_3857)!;

describe('readBbox', () => {
  it('reads a CRS84 box longitude first', () => {
    expect(readBbox('99.5,39.1,100.1,39.9', crs84)).toEqual({
      envelopes: [{ srid: 4326, minX: 99.5, minY: 39.1, maxX: 100.1, maxY: 39.9 }],
    });
  });

  it('reads an EPSG:4490 box latitude first and gives the same envelope', () => {
    expect(readBbox('39.1,99.5,39.9,100.1', cgcs2000)).toEqual(readBbox('99.5,39.1,100.1,39.9', crs84));
  });

  it('ignores the heights of a six-number box', () => {
    expect(readBbox('99.5,39.1,0,100.1,39.9,3000', crs84)).toEqual(readBbox('99.5,39.1,100.1,39.9', crs84));
  });

  it('splits a box across the antimeridian in two', () => {
    const reading = readBbox('170,-10,-170,10', crs84);
    expect(reading).toEqual({
      envelopes: [
        { srid: 4326, minX: 170, minY: -10, maxX: 180, maxY: 10 },
        { srid: 4326, minX: -180, minY: -10, maxX: -170, maxY: 10 },
      ],
    });
  });

  it('keeps a Web Mercator box in metres for the database to transform', () => {
    expect(readBbox('11100000,4700000,11200000,4800000', mercator)).toEqual({
      envelopes: [{ srid: 3857, minX: 11_100_000, minY: 4_700_000, maxX: 11_200_000, maxY: 4_800_000 }],
    });
  });

  it.each([
    ['three numbers', '1,2,3', crs84],
    ['five numbers', '1,2,3,4,5', crs84],
    ['a word', '99,39,abc,40', crs84],
    ['an empty part', '99,,100,40', crs84],
    ['a latitude beyond 90', '99,39,100,91', crs84],
    ['a longitude beyond 180', '99,39,181,40', crs84],
    ['south above north', '99,40,100,39', crs84],
    ['EPSG:4490 written longitude first', '99.5,39.1,100.1,39.9', cgcs2000],
    ['Web Mercator beyond the square', '0,0,30000000,10', mercator],
    ['Web Mercator corners swapped', '10,10,0,0', mercator],
  ])('refuses %s', (_name, text, crs) => {
    expect(readBbox(text, crs)).toHaveProperty('problem');
  });
});
