// `npm run bench:bundle`: what each page of the web app downloads, compressed (brotli, as served),
// against the whole bundle measured in the same build — issue #12's goal: /report ≤ 300 KB.
// Builds into a temporary directory with Vite's manifest (web/dist is left alone), then follows each
// route's chunk through its static imports. Figures only, nothing asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommandLine } from '../cli/commandLine.mjs';

readCommandLine({
  name: 'bench:bundle',
  usage: `usage: npm run bench:bundle
Builds the web app into a temporary directory and prints, per page, the compressed bytes it loads
(its chunk, every chunk it imports statically, their CSS) against the whole bundle.`,
});

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}

const out = mkdtempSync(join(tmpdir(), 'gridmap-bundle-'));
try {
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', out, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const served = (file: string) => {
    const path = join(out, file);
    return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
  };
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) closure(next, seen);
    return seen;
  };
  const bytes = (keys: Iterable<string>) => {
    const files = new Set<string>();
    for (const key of keys) {
      files.add(manifest[key]!.file);
      for (const css of manifest[key]!.css ?? []) files.add(css);
    }
    return [...files].reduce((sum, file) => sum + served(file), 0);
  };
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const shell = closure(entry);
  const whole = bytes(Object.keys(manifest));
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const pages: Record<string, string> = {
    '/ and /map/…': 'src/features/map/MapView.svelte',
    '/wall': 'src/features/wall/WallView.svelte',
    '/report': 'src/features/report/ReportView.svelte',
    '/plan': 'src/features/plan/PlanListView.svelte',
    '/plan/<id>': 'src/features/plan/PlanEditorView.svelte',
    '/audit': 'src/features/audit/AuditView.svelte',
  };
  console.log(`whole bundle (baseline): ${kb(whole)} compressed; the shell every page loads: ${kb(bytes(shell))}`);
  for (const [page, key] of Object.entries(pages)) {
    if (!manifest[key]) {
      console.log(`${page.padEnd(14)} (no chunk ${key}: not split)`);
      continue;
    }
    const loaded = bytes(closure(key, new Set(shell)));
    console.log(
      `${page.padEnd(14)} ${kb(loaded).padStart(7)}  ${((loaded / whole) * 100).toFixed(0).padStart(3)} % of the whole`,
    );
  }
  const report = bytes(closure(pages['/report']!, new Set(shell)));
  console.log(`goal /report ≤ 300 KB compressed: ${kb(report)} — ${report <= 300 * 1024 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
