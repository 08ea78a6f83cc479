/**
 * A refused plan request: the reply is `{ error, message, ...details }` with `statusCode`
 * (routes/plans.ts). `details` carries what a client needs to act: who changed a grid and when
 * (409), where the input is wrong (400 / 422), the problems that block a publish (422).
 */
export class PlanError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 413 | 422,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 409: someone saved the grid after the version the client edited. */
export function staleGrid(code: string, current: { version: number; updatedBy: string | null; updatedAt: string }) {
  return new PlanError(
    409,
    `grid ${code} was changed by ${current.updatedBy ?? 'someone'} at ${current.updatedAt} (now version ${current.version}); reload it and redo the edit`,
    { code, version: current.version, changedBy: current.updatedBy, changedAt: current.updatedAt },
  );
}
