import type { ReportPosition } from './reportDraft.js';

/**
 * `insecure`: the page came over plain HTTP (a LAN without TLS), where browsers refuse geolocation
 * outright — said as such, not as a denied permission the user could grant.
 */
export type LocateFailure = 'insecure' | 'unsupported' | 'denied' | 'unavailable' | 'timeout';

/** Whether this page may ask for the device's position at all (HTTPS or localhost). */
export function canLocate(secure: boolean = globalThis.isSecureContext ?? false): boolean {
  return secure;
}

export type LocateResult = { ok: true; position: ReportPosition } | { ok: false; failure: LocateFailure };

/**
 * The device's position, or why there is none, within `timeoutMs`. A cached fix up to a minute
 * old is accepted: a staff member reporting where they stand has not moved far.
 */
export function locateDevice(
  timeoutMs = 15_000,
  geolocation: Geolocation | undefined = navigator.geolocation,
  secure: boolean = canLocate(),
): Promise<LocateResult> {
  if (!secure) return Promise.resolve({ ok: false, failure: 'insecure' });
  if (!geolocation) return Promise.resolve({ ok: false, failure: 'unsupported' });
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          ok: true,
          position: {
            lon: coords.longitude,
            lat: coords.latitude,
            accuracyM: Math.round(coords.accuracy),
            source: 'device',
          },
        }),
      (error) =>
        resolve({
          ok: false,
          failure:
            error.code === error.PERMISSION_DENIED
              ? 'denied'
              : error.code === error.TIMEOUT
                ? 'timeout'
                : 'unavailable',
        }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
