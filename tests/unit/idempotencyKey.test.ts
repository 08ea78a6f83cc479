import { describe, expect, it } from 'vitest';
import { canonicalJson, idempotencyKeyOf } from '../../server/src/domain/idempotencyKey.js';

describe('idempotencyKeyOf', () => {
  it('takes a bare value as the key', () => {
    expect(idempotencyKeyOf('8e03978e-40d5-43e8-bc93-6894a57f9324')).toEqual({
      ok: true,
      key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    });
  });

  it('takes a structured-field string as the text inside its quotes, escapes undone', () => {
    expect(idempotencyKeyOf('"abc"')).toEqual({ ok: true, key: 'abc' });
    expect(idempotencyKeyOf('"a\\"b\\\\c"')).toEqual({ ok: true, key: 'a"b\\c' });
  });

  it('keeps a lone quote as part of the key', () => {
    expect(idempotencyKeyOf('"')).toEqual({ ok: true, key: '"' });
  });

  it('refuses a blank key, bare or quoted', () => {
    expect(idempotencyKeyOf('   ')).toMatchObject({ ok: false });
    expect(idempotencyKeyOf('""')).toMatchObject({ ok: false, message: expect.stringContaining('blank') });
  });
});

describe('canonicalJson', () => {
  it('gives one text whatever the order of an object’s keys, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('keeps the order of arrays and leaves out undefined members, as JSON.stringify does', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});
