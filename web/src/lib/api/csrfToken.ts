/**
 * The session's CSRF token, sent as `x-csrf-token` with every write. Set from the reply of
 * `POST /api/session` or `GET /api/session` (the session store), cleared on sign-out.
 */
let token: string | null = null;

export function setCsrfToken(value: string | null): void {
  token = value;
}

export function csrfToken(): string | null {
  return token;
}
