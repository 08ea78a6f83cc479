/**
 * True when the server says this browser has no session (`GET /api/session` → 401). False when it
 * has one or cannot be asked (down, offline): then a refused connection is a network matter, not
 * a sign-in matter, and reconnecting is right.
 */
export async function sessionIsGone(): Promise<boolean> {
  try {
    const response = await fetch('/api/session', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    return response.status === 401;
  } catch {
    return false;
  }
}
