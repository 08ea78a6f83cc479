import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { importCycles, importGraphOf, mutualFolders, relativeSpecifiers, type ImportGraph } from './importGraph.js';

const serverSource = fileURLToPath(new URL('../../../server/src', import.meta.url));
const webSource = fileURLToPath(new URL('../../../web/src', import.meta.url));

function graph(edges: Record<string, string[]>): ImportGraph {
  return new Map(Object.entries(edges).map(([file, targets]) => [file, new Set(targets)]));
}

describe('the import graph checker', () => {
  it('reads static, dynamic, side-effect and re-export specifiers, relative ones only', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "import './side.js';",
      "export * from './all.js';",
      "const c = await import('./c.js');",
      "import fastify from 'fastify';",
    ].join('\n');
    expect(relativeSpecifiers(text)).toEqual(['./a.js', '../b/b.js', './side.js', './all.js', './c.js']);
  });

  it('finds a planted cycle and nothing in a tree', () => {
    expect(importCycles(graph({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': [] }))).toEqual([]);
    expect(importCycles(graph({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'], 'd.ts': ['a.ts'] }))).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
    ]);
    expect(importCycles(graph({ 'a.ts': ['a.ts'] }))).toEqual([['a.ts']]);
  });

  it('finds two folders that import each other, not one that imports another', () => {
    expect(mutualFolders(graph({ 'routes/x.ts': ['repos/y.ts'], 'repos/y.ts': ['db/z.ts'], 'db/z.ts': [] }))).toEqual(
      [],
    );
    const pairs = mutualFolders(
      graph({ 'routes/x.ts': ['repos/y.ts'], 'repos/y.ts': [], 'repos/w.ts': ['routes/v.ts'], 'routes/v.ts': [] }),
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatch(/^repos ⇄ routes/);
  });
});

describe('server/src', () => {
  const server = importGraphOf(serverSource);

  it('has no import cycle', () => {
    expect(server.size).toBeGreaterThan(100);
    expect(importCycles(server)).toEqual([]);
  });

  it('has no two top-level folders importing each other', () => {
    expect(mutualFolders(server)).toEqual([]);
  });
});

describe('web/src', () => {
  it('has no import cycle', () => {
    const web = importGraphOf(webSource);
    expect(web.size).toBeGreaterThan(50);
    expect(importCycles(web)).toEqual([]);
  });
});
