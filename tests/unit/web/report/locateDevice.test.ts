import { describe, expect, it, vi } from 'vitest';
import { locateDevice } from '../../../../web/src/features/report/locateDevice.js';

/** A Geolocation stand-in answering with a fix, or failing with `code`. */
function geolocation(answer: { lon: number; lat: number } | { code: number }): Geolocation {
  return {
    getCurrentPosition(success: PositionCallback, failure?: PositionErrorCallback | null) {
      if ('code' in answer) {
        failure?.({
          code: answer.code,
          PERMISSION_DENIED: 1,
          POSITION_UNAVAILABLE: 2,
          TIMEOUT: 3,
        } as GeolocationPositionError);
      } else {
        success({ coords: { longitude: answer.lon, latitude: answer.lat, accuracy: 12.4 } } as GeolocationPosition);
      }
    },
  } as Geolocation;
}

describe('locateDevice', () => {
  it('gives the device’s position with its accuracy in whole metres', async () => {
    expect(await locateDevice(1000, geolocation({ lon: 99.8, lat: 39.4 }), true)).toEqual({
      ok: true,
      position: { lon: 99.8, lat: 39.4, accuracyM: 12, source: 'device' },
    });
  });

  it('says "insecure", without asking, on a page that came over plain HTTP', async () => {
    let asked = false;
    const watching = { getCurrentPosition: () => (asked = true) } as unknown as Geolocation;
    expect(await locateDevice(1000, watching, false)).toEqual({ ok: false, failure: 'insecure' });
    expect(asked).toBe(false);
  });

  it('tells a denied permission, a timeout and no fix apart', async () => {
    expect(await locateDevice(1000, geolocation({ code: 1 }), true)).toEqual({ ok: false, failure: 'denied' });
    expect(await locateDevice(1000, geolocation({ code: 3 }), true)).toEqual({ ok: false, failure: 'timeout' });
    expect(await locateDevice(1000, geolocation({ code: 2 }), true)).toEqual({ ok: false, failure: 'unavailable' });
    // A browser without the Geolocation API at all.
    vi.stubGlobal('navigator', {});
    expect(await locateDevice(1000, undefined, true)).toEqual({ ok: false, failure: 'unsupported' });
    vi.unstubAllGlobals();
  });
});
