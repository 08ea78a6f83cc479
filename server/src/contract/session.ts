import { Type, type Static } from 'typebox';
import { ACCESS_ROLES } from './vocabulary.js';

/** Signing in and out (`/api/session`). */

export const SignInBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  // argon2 hashes any length, but a megabyte-long "password" is only a way to burn CPU.
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type SignInBody = Static<typeof SignInBody>;

export const AccessRoleName = Type.Enum([...ACCESS_ROLES]);
export type AccessRoleName = Static<typeof AccessRoleName>;

/** The signed-in account (the viewer) as `POST /api/session` and `GET /api/session` reply. */
export const SessionReply = Type.Object(
  {
    username: Type.String(),
    role: AccessRoleName,
    scope: Type.Object({
      code: Type.String({
        description: 'the grid the account answers for (a prefecture or county for county-wide roles)',
      }),
      name: Type.String(),
      level: Type.Enum(['prefecture', 'county', 'town', 'village', 'group']),
    }),
    csrfToken: Type.String({ description: 'send it as the x-csrf-token header with every write' }),
  },
  { description: 'the signed-in account' },
);
export type SessionReply = Static<typeof SessionReply>;

export const SignedOutReply = Type.Null({ description: 'signed out' });
export type SignedOutReply = Static<typeof SignedOutReply>;
