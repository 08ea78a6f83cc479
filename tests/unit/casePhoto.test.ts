import { describe, expect, it } from 'vitest';
import { MAX_CASE_PHOTO_BYTES, parseCasePhoto, sniffImageType } from '../../server/src/domain/casePhoto.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

describe('sniffImageType', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
  ] as const)('recognises a %s by its signature', (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it('recognises neither text, a RIFF that is not WebP, nor a truncated signature', () => {
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(
      sniffImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WAVE')])),
    ).toBeNull();
    expect(sniffImageType(PNG.subarray(0, 5))).toBeNull();
  });
});

describe('parseCasePhoto', () => {
  it('returns the decoded bytes and the sniffed type of a JPEG data URL', () => {
    const parsed = parseCasePhoto(dataUrl('image/jpeg', JPEG));
    expect(parsed).toEqual({ ok: true, bytes: JPEG, type: 'image/jpeg' });
  });

  it('accepts image/jpg and a data URL without a declared type, typing it from its bytes', () => {
    expect(parseCasePhoto(dataUrl('image/jpg', JPEG))).toMatchObject({ ok: true, type: 'image/jpeg' });
    expect(parseCasePhoto(`data:;base64,${PNG.toString('base64')}`)).toMatchObject({ ok: true, type: 'image/png' });
  });

  it('refuses text declared as an image, naming what the content is not', () => {
    const parsed = parseCasePhoto(dataUrl('image/png', Buffer.from('#!/bin/sh\necho hi\n')));
    expect(parsed).toMatchObject({ ok: false, problem: 'not_an_image' });
    expect(parsed.ok || parsed.message).toMatch(/not a JPEG, PNG or WebP/);
  });

  it('refuses a JPEG declared as PNG', () => {
    const parsed = parseCasePhoto(dataUrl('image/png', JPEG));
    expect(parsed).toMatchObject({ ok: false, problem: 'not_an_image' });
    expect(parsed.ok || parsed.message).toMatch(/declared image\/png but its content is image\/jpeg/);
  });

  it('refuses a declared type that is not an accepted image', () => {
    expect(parseCasePhoto(dataUrl('application/pdf', JPEG))).toMatchObject({ ok: false, problem: 'not_an_image' });
    expect(parseCasePhoto(dataUrl('image/svg+xml', Buffer.from('<svg/>')))).toMatchObject({
      ok: false,
      problem: 'not_an_image',
    });
  });

  it('refuses what is not a base64 data URL', () => {
    expect(parseCasePhoto('http://example.com/a.jpg')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(parseCasePhoto(`data:image/jpeg,${JPEG.toString('hex')}`)).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
    expect(parseCasePhoto('data:image/jpeg;base64,/9j/4A%%')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('accepts exactly 2 MiB and refuses one byte more as too large', () => {
    const limit = Buffer.alloc(MAX_CASE_PHOTO_BYTES);
    JPEG.copy(limit);
    expect(parseCasePhoto(dataUrl('image/jpeg', limit))).toMatchObject({ ok: true, type: 'image/jpeg' });
    const over = Buffer.alloc(MAX_CASE_PHOTO_BYTES + 1);
    JPEG.copy(over);
    expect(parseCasePhoto(dataUrl('image/jpeg', over))).toMatchObject({ ok: false, problem: 'too_large' });
  });
});
