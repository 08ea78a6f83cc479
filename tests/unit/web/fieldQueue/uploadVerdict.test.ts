import { describe, expect, it } from 'vitest';
import { uploadVerdict } from '../../../../web/src/lib/fieldQueue/uploadVerdict.js';

describe('uploadVerdict', () => {
  it('counts 201 and a 200 repeat as stored', () => {
    expect(uploadVerdict({ status: 201, message: 'Created' })).toBe('done');
    expect(uploadVerdict({ status: 200, message: 'OK' })).toBe('done');
  });

  it('tries again after no answer, 408, 409 (the key still in use), 425, 429 and every 5xx', () => {
    for (const status of ['network', 'timeout'] as const) expect(uploadVerdict({ status })).toBe('retry');
    for (const status of [408, 409, 425, 429, 500, 502, 503, 504]) {
      expect(uploadVerdict({ status, message: 'x' }), String(status)).toBe('retry');
    }
  });

  it('waits for a new sign-in on 401 and on a 403 about the CSRF token', () => {
    expect(uploadVerdict({ status: 401, message: 'sign in' })).toBe('signIn');
    expect(
      uploadVerdict({ status: 403, message: 'missing or wrong x-csrf-token header (the csrfToken of the session)' }),
    ).toBe('signIn');
  });

  it('takes any other 4xx as a final refusal: out of scope, invalid, the key with another body', () => {
    for (const status of [400, 403, 404, 410, 413, 415, 422]) {
      expect(uploadVerdict({ status, message: 'no' }), String(status)).toBe('refused');
    }
  });

  it('takes a 409 version_conflict as a conflict and the lifecycle’s 409 as a refusal (#14 part 4)', () => {
    expect(uploadVerdict({ status: 409, message: 'moved on', reply: { reason: 'version_conflict' } })).toBe('conflict');
    expect(uploadVerdict({ status: 409, message: 'no', reply: { reason: 'wrong_status' } })).toBe('refused');
    expect(uploadVerdict({ status: 409, message: 'busy', reply: { error: 'idempotency_key_in_use' } })).toBe('retry');
  });
});
