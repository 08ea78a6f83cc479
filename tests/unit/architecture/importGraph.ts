import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** File → the files it imports (relative imports only; paths relative to the scanned root's parent). */
export type ImportGraph = Map<string, Set<string>>;

const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bexport\s+\*\s+from\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;

/** The relative specifiers a module's text imports (static, dynamic and side-effect imports, re-exports). */
export function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(importPattern)].map((match) => match[2]!);
}

const sourceFile = /\.(ts|svelte)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return sourceFile.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The existing file a specifier names: NodeNext writes `./x.js` for `x.ts`. */
function resolvedFile(fromFile: string, specifier: string, known: Set<string>): string | undefined {
  const target = path.resolve(path.dirname(fromFile), specifier);
  return [target, target.replace(/\.js$/, '.ts'), `${target}.ts`].find((candidate) => known.has(candidate));
}

/** The import graph of every source file under `dir`; imports that leave `dir` are left out. */
export function importGraphOf(dir: string): ImportGraph {
  const files = sourceFiles(dir);
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets = new Set<string>();
    for (const specifier of relativeSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolvedFile(file, specifier, known);
      if (target) targets.add(path.relative(dir, target));
    }
    graph.set(path.relative(dir, file), targets);
  }
  return graph;
}

/** Every import cycle, one per strongly connected component of more than one file (or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Set<string>()).values() });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || graph.get(frame.node)?.has(frame.node)) cycles.push(component.sort());
    }
  }
  return cycles;
}

/** The top-level folder of a file (`repos/cases/caseRepo.ts` → `repos`); files at the top stand alone. */
function topFolder(file: string): string {
  const parts = file.split(path.sep);
  return parts.length > 1 ? parts[0]! : file;
}

/** Pairs of top-level folders that import each other, each as `a ⇄ b` with one import each way. */
export function mutualFolders(graph: ImportGraph): string[] {
  const edges = new Map<string, string>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = topFolder(file);
      const to = topFolder(target);
      if (from !== to && !edges.has(`${from}→${to}`)) edges.set(`${from}→${to}`, `${file} → ${target}`);
    }
  }
  const pairs: string[] = [];
  for (const [edge, example] of edges) {
    const [from, to] = edge.split('→') as [string, string];
    const back = edges.get(`${to}→${from}`);
    if (back && from < to) pairs.push(`${from} ⇄ ${to} (${example}; ${back})`);
  }
  return pairs;
}
