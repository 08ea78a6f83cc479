import { describe, expect, it } from 'vitest';
import { checkCaseReport } from '../../server/src/domain/caseReport.js';

const valid = { lon: 99.8, lat: 39.4, category: 'neighbour_dispute', summary: '邻里因排水沟堵塞引发纠纷' };

describe('checkCaseReport', () => {
  it('trims the summary and has no photo when none was sent', () => {
    expect(checkCaseReport({ ...valid, summary: '  院墙界址争执 \t' })).toEqual({
      ok: true,
      report: { lon: 99.8, lat: 39.4, category: 'neighbour_dispute', summary: '院墙界址争执', photo: null },
    });
  });

  it('refuses an empty or blank summary', () => {
    expect(checkCaseReport({ ...valid, summary: '   ' })).toMatchObject({
      ok: false,
      problem: 'bad_input',
      message: 'summary must not be empty',
    });
  });

  it('refuses a summary of several lines', () => {
    const result = checkCaseReport({ ...valid, summary: '第一行\n第二行' });
    expect(result).toMatchObject({ ok: false, problem: 'bad_input' });
    expect(result.ok || result.message).toMatch(/one line/);
  });

  it('counts characters, not UTF-16 units: 200 Chinese characters or emoji pass, 201 do not', () => {
    expect(checkCaseReport({ ...valid, summary: '纠'.repeat(200) }).ok).toBe(true);
    expect(checkCaseReport({ ...valid, summary: '🏠'.repeat(200) }).ok).toBe(true);
    const result = checkCaseReport({ ...valid, summary: '纠'.repeat(201) });
    expect(result).toMatchObject({ ok: false, problem: 'bad_input' });
    expect(result.ok || result.message).toMatch(/201 characters; at most 200/);
  });

  it('refuses a position that is not a longitude and latitude', () => {
    expect(checkCaseReport({ ...valid, lon: 181 })).toMatchObject({ ok: false, problem: 'bad_input' });
    expect(checkCaseReport({ ...valid, lat: Number.NaN })).toMatchObject({ ok: false, problem: 'bad_input' });
  });

  it('passes the photo problem on: a non-image photo is not_an_image', () => {
    const photo = `data:image/png;base64,${Buffer.from('hello').toString('base64')}`;
    expect(checkCaseReport({ ...valid, photo })).toMatchObject({ ok: false, problem: 'not_an_image' });
  });
});
