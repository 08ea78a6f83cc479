import { describe, expect, it } from 'vitest';
import { caseActionOf, CASE_REQUEST_ACTIONS } from '../../server/src/domain/caseActionRequest.js';

describe('caseActionOf', () => {
  it('offers every lifecycle action except register', () => {
    expect(CASE_REQUEST_ACTIONS).not.toContain('register');
    expect(CASE_REQUEST_ACTIONS).toEqual(
      expect.arrayContaining(['accept', 'escalate', 'hand_down', 'close', 'extend']),
    );
  });

  it('keeps a trimmed note and drops a blank one', () => {
    expect(caseActionOf({ action: 'accept', note: '  已受理 ' })).toEqual({
      ok: true,
      action: { type: 'accept', note: '已受理' },
    });
    expect(caseActionOf({ action: 'mediate', note: '  ' })).toEqual({ ok: true, action: { type: 'mediate' } });
  });

  it('takes a void’s reason from its note and refuses a void without one', () => {
    expect(caseActionOf({ action: 'void', note: '重复登记' })).toEqual({
      ok: true,
      action: { type: 'void', reason: '重复登记' },
    });
    expect(caseActionOf({ action: 'void' })).toMatchObject({ ok: false, message: expect.stringMatching(/reason/) });
  });

  it('needs a level for skip and accepts one for hand_down, refusing anything else', () => {
    expect(caseActionOf({ action: 'skip', to: 'town_centre' })).toEqual({
      ok: true,
      action: { type: 'skip', to: 'town_centre' },
    });
    expect(caseActionOf({ action: 'skip' })).toMatchObject({ ok: false });
    expect(caseActionOf({ action: 'hand_down' })).toEqual({ ok: true, action: { type: 'hand_down' } });
    expect(caseActionOf({ action: 'hand_down', to: 'county' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"county"/),
    });
  });

  it('needs the receiving department for transfer and the days for extend', () => {
    expect(caseActionOf({ action: 'transfer', to: ' 县人民法院 ' })).toEqual({
      ok: true,
      action: { type: 'transfer', to: '县人民法院' },
    });
    expect(caseActionOf({ action: 'transfer' })).toMatchObject({ ok: false });
    expect(caseActionOf({ action: 'extend', days: 2 })).toEqual({ ok: true, action: { type: 'extend', days: 2 } });
    expect(caseActionOf({ action: 'extend' })).toMatchObject({ ok: false });
  });
});
