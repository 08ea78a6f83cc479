import { Type } from 'typebox';

/** Every error reply (routes/errorReplies.ts), described for one status. */
export function ErrorReply(description: string) {
  return Type.Object(
    {
      error: Type.String({ description: 'HTTP reason phrase' }),
      message: Type.String({ description: 'what is wrong; for a bad parameter, its name' }),
    },
    { description },
  );
}

/** The 400 and 404 replies of a read route that takes a grid code. */
export const gridErrorReplies = {
  400: ErrorReply('a parameter is invalid; the message names it'),
  404: ErrorReply('no current grid has this code'),
};
