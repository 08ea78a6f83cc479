import type { FastifyInstance } from 'fastify';

export interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's pattern, e.g. `/api/cases/:serial/actions`. */
  path: string;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every route of `app` that can change something (POST, PUT, PATCH, DELETE), read from Fastify's
 * own route tree (`printRoutes`) — unlike the OpenAPI document it includes routes hidden from it.
 * The tree prints one path segment per line under its parent, e.g.
 * `│   └── /:serial (GET, HEAD)` below `├── /api/cases (GET, HEAD, POST)`.
 */
export function writeRoutesOf(app: FastifyInstance): WriteRoute[] {
  const routes: WriteRoute[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    prefixes.length = depth;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    for (const method of (match[3] ?? '').split(', ')) {
      if (writeMethods.has(method)) routes.push({ method: method as WriteRoute['method'], path });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
