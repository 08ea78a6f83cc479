/** The scope rule of every list route, for its OpenAPI description (domain/accessRole.ts `viewerPartOf`). */
export const SCOPED_LIST_RULE =
  ' Scope: a grid inside the caller’s scope is listed as asked; a grid that contains the scope (the county asked by a town leader) lists only the caller’s own scope; any other grid is 404, as for a grid that does not exist.';
