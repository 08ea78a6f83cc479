import { describe, expect, it } from 'vitest';
import { liveEventMessage, parseClientMessage } from '../../server/src/domain/liveMessage.js';

describe('parseClientMessage', () => {
  it('accepts a subscribe with a last event id or null', () => {
    expect(parseClientMessage('{"type":"subscribe","scope":"620724","after":12}')).toEqual({
      ok: true,
      message: { type: 'subscribe', scope: '620724', after: 12 },
    });
    expect(parseClientMessage('{"type":"subscribe","scope":"620724105000","after":null}').ok).toBe(true);
  });

  it('accepts a ping', () => {
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ ok: true, message: { type: 'ping' } });
  });

  it.each([
    ['{"type":"subscribe"', 'not valid JSON'],
    ['[1,2]', 'JSON object'],
    ['{"type":"unsubscribe"}', 'unknown message type "unsubscribe"'],
    ['{"scope":"620724"}', 'unknown message type null'],
    ['{"type":"subscribe","after":null}', '"scope"'],
    ['{"type":"subscribe","scope":"620724"}', '"after"'],
    ['{"type":"subscribe","scope":"620724","after":-1}', 'non-negative integer'],
    ['{"type":"subscribe","scope":"620724","after":"5"}', 'non-negative integer'],
    ['{"type":"subscribe","scope":"620724","after":1.5}', 'non-negative integer'],
    ['{"type":"subscribe","scope":"620724","after":1,"role":"admin"}', 'unknown field "role"'],
  ])('rejects %s saying what is wrong', (text, problem) => {
    const result = parseClientMessage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(problem);
  });
});

describe('liveEventMessage', () => {
  const row = {
    id: 7,
    kind: 'case' as const,
    at: new Date('2026-05-01T02:03:04.005Z'),
    townCode: '620724105000',
    villageCode: '620724105201',
    groupCode: null,
    payload: { caseId: 42, status: 'accepted', type: 'spoofed' },
  };

  it('puts the event fields first and the payload fields beside them', () => {
    const message = liveEventMessage(row);
    expect(message).toEqual({
      type: 'event',
      id: 7,
      kind: 'case',
      at: '2026-05-01T02:03:04.005Z',
      townCode: '620724105000',
      villageCode: '620724105201',
      caseId: 42,
      status: 'accepted',
    });
    expect(Object.keys(message).slice(0, 3)).toEqual(['type', 'id', 'kind']);
  });
});
