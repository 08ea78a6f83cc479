import { describe, expect, it } from 'vitest';
import { caseTimelinePath, playbackStatus } from '../../../../web/src/lib/api/playbackData.js';

describe('the case list’s status filter over history', () => {
  it('plays every case for 在办 and 超期: the clock draws each while it was open, late or not', () => {
    expect(playbackStatus('open')).toBe('all');
    expect(playbackStatus('overdue')).toBe('all');
    expect(playbackStatus('all')).toBe('all');
  });

  it('keeps 已办结 narrowing to the cases closed since', () => {
    expect(playbackStatus('closed')).toBe('closed');
  });

  it('asks the timeline for what playback reads, with the other filters as given', () => {
    expect(caseTimelinePath('620724100000', { status: 'open', category: 'land_boundary', level: '' })).toBe(
      '/api/cases/timeline?grid=620724100000&status=all&category=land_boundary',
    );
    expect(caseTimelinePath('620724100000', { status: 'closed', category: '', level: 'village' })).toBe(
      '/api/cases/timeline?grid=620724100000&status=closed&level=village',
    );
  });
});
